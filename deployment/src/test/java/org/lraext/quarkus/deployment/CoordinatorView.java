package org.lraext.quarkus.deployment;

import java.net.URI;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * The real coordinator's view of an LRA, read over its REST API: what the tests assert against.
 */
public final class CoordinatorView {

    private CoordinatorView() {
    }

    public static String coordinatorUrl() {
        return ConfigProvider.getConfig().getValue("quarkus.lra.coordinator-url", String.class);
    }

    /** The LRA's status name, or "gone" when the coordinator no longer knows it (it finished). */
    public static String status(String lra) {
        String uid = URI.create(lra).getPath();
        uid = uid.substring(uid.lastIndexOf('/') + 1);
        Response r = RestAssured.given().get(coordinatorUrl() + "/" + uid + "/status");
        return r.statusCode() == 404 ? "gone" : r.statusCode() == 200 ? r.asString().trim() : "HTTP " + r.statusCode();
    }

    /** Starts an LRA directly on the coordinator, as a client outside any participant would. */
    public static String start(String clientId) {
        Response r = RestAssured.given().post(coordinatorUrl() + "/start?ClientID=" + clientId + "&TimeLimit=0");
        if (r.statusCode() != 201) {
            throw new AssertionError("coordinator start answered " + r.statusCode() + " " + r.asString());
        }
        return r.header("Location");
    }

    public static void cancel(String lra) {
        String uid = URI.create(lra).getPath();
        uid = uid.substring(uid.lastIndexOf('/') + 1);
        RestAssured.given().put(coordinatorUrl() + "/" + uid + "/cancel");
    }
}
