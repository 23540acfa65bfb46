package org.lraext.quarkus.deployment.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lraext.lra.coordinator.CoordinatorException;
import org.lraext.quarkus.deployment.CoordinatorView;
import org.lraext.quarkus.runtime.LraClient;
import org.lraext.quarkus.runtime.LraJournal;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The programmatic API against the real coordinator: LRAs started, ended, renewed and inspected from code,
 * participants (a plain bean and a JAX-RS class) joined and left, code run inside an LRA, and bad arguments refused
 * before any call.
 */
class LraClientTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(PaymentSteps.class, HotelResource.class, HeaderClient.class, EchoResource.class,
                    RefundSteps.class, NotABeanSteps.class,
                    CoordinatorView.class))
            .overrideConfigKey("quarkus.rest-client.api-header.url", "http://localhost:${quarkus.http.test-port:8081}");

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    LraClient lra;

    @Inject
    PaymentSteps payment;

    @Inject
    HotelResource hotel;

    @Inject
    LraJournal journal;

    @Inject
    Vertx vertx;

    @Inject
    @RestClient
    HeaderClient header;

    @Test
    void aPlainBeanJoinedFromCodeCompletesOnClose() {
        URI id = lra.startAndAwait("payment-test", Duration.ZERO);
        assertEquals(Optional.of(LRAStatus.Active), lra.statusAndAwait(id));
        lra.joinAndAwait(id, PaymentSteps.class);

        LRAStatus closed = lra.closeAndAwait(id);
        assertTrue(closed == LRAStatus.Closed || closed == LRAStatus.Closing, "close answered " + closed);
        assertEquals("completed", payment.outcome(id), "@Complete ran once, @Compensate never");
        await().atMost(WAIT).until(() -> payment.after(id) == LRAStatus.Closed);
        await().atMost(WAIT).until(() -> lra.statusAndAwait(id).isEmpty());

        List<LraJournal.Event> events = journal.events(id.toString());
        assertTrue(events.stream().anyMatch(e -> e.kind() == LraJournal.Kind.STARTED
                && "payment-test".equals(e.participant())), () -> "the start is in the journal: " + events);
        assertTrue(events.stream().anyMatch(e -> e.kind() == LraJournal.Kind.JOINED
                && PaymentSteps.class.getName().equals(e.participant())), () -> "the join names the class: " + events);
        assertTrue(events.stream().anyMatch(e -> e.kind() == LraJournal.Kind.CLOSE_REQUESTED),
                () -> "the close is in the journal: " + events);
    }

    @Test
    void aJaxRsParticipantJoinedFromCodeCompensatesOnCancel() {
        URI id = lra.start("hotel-test", Duration.ofMinutes(5)).await().atMost(WAIT);
        URI recovery = lra.join(id, HotelResource.class).await().atMost(WAIT);
        assertNotNull(recovery, "the coordinator gave a recovery URL");
        lra.join(id, PaymentSteps.class).await().atMost(WAIT);

        LRAStatus cancelled = lra.cancel(id).await().atMost(WAIT);
        assertTrue(cancelled == LRAStatus.Cancelled || cancelled == LRAStatus.Cancelling, "cancel answered " + cancelled);
        await().atMost(WAIT).until(() -> "compensated".equals(hotel.outcome(id.toString())));
        await().atMost(WAIT).until(() -> "compensated".equals(payment.outcome(id)));
        await().atMost(WAIT).until(() -> payment.after(id) == LRAStatus.Cancelled);
    }

    @Test
    void aBeanNothingInjectsIsKeptAndCalled() {
        URI id = lra.startAndAwait("refund-test", Duration.ZERO);
        lra.joinAndAwait(id, RefundSteps.class);
        lra.cancelAndAwait(id);
        await().atMost(WAIT).until(() -> journal.events(id.toString()).stream()
                .anyMatch(e -> e.kind() == LraJournal.Kind.CALLBACK && RefundSteps.class.getName().equals(e.participant())
                        && "compensate".equals(e.callback()) && e.status() == 200));
    }

    @Test
    void aClassThatIsNoBeanIsRefusedBeforeAnyCall() {
        URI id = lra.startAndAwait("not-a-bean", Duration.ZERO);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> lra.joinAndAwait(id, NotABeanSteps.class));
        assertTrue(e.getMessage().contains("is not a CDI bean"), e.getMessage());
        assertTrue(journal.events(id.toString()).stream().noneMatch(ev -> ev.kind() == LraJournal.Kind.JOINED),
                "nothing joined");
        lra.cancelAndAwait(id);
    }

    @Test
    void aNestedLraEndsWithItsParent() {
        URI parent = lra.startAndAwait("parent", Duration.ZERO);
        URI child = lra.startNestedAndAwait(parent, "child", Duration.ZERO);
        assertNotEquals(parent, child);
        lra.joinAndAwait(child, PaymentSteps.class);
        lra.closeAndAwait(child);
        assertEquals("completed", payment.outcome(child), "a nested LRA's participants complete when it closes");
        lra.cancelAndAwait(parent);
        await().atMost(WAIT).until(() -> "completed,compensated".equals(payment.outcome(child)));
    }

    @Test
    void aParticipantThatLeftIsNotCalled() {
        URI id = lra.startAndAwait("leave-test", Duration.ZERO);
        lra.joinAndAwait(id, PaymentSteps.class);
        lra.joinAndAwait(id, HotelResource.class);
        lra.leaveAndAwait(id, PaymentSteps.class);
        lra.cancelAndAwait(id);
        await().atMost(WAIT).until(() -> "compensated".equals(hotel.outcome(id.toString())));
        await().atMost(WAIT).until(() -> lra.statusAndAwait(id).isEmpty());
        assertNull(payment.outcome(id), "the participant that left was not compensated");
        assertNull(payment.after(id), "nor told of the end");
    }

    @Test
    void aRenewedTimeLimitKeepsTheLraActive() throws InterruptedException {
        URI id = lra.startAndAwait("renew-test", Duration.ofSeconds(2));
        lra.renewTimeLimitAndAwait(id, Duration.ofMinutes(5));
        TimeUnit.MILLISECONDS.sleep(3_000);
        assertEquals(Optional.of(LRAStatus.Active), lra.statusAndAwait(id), "the first limit has passed");
        lra.cancelAndAwait(id);

        URI expiring = lra.startAndAwait("expire-test", Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> lra.statusAndAwait(expiring).map(s -> s != LRAStatus.Active).orElse(true));
    }

    @Test
    void codeRunInsideAnLraCarriesItOnOutgoingCalls() throws Exception {
        URI id = lra.startAndAwait("run-in-test", Duration.ZERO);
        // non-blocking, on an event loop
        String async = lra.runIn(id, () -> {
            assertEquals(Optional.of(id), lra.current());
            return header.headerAsync();
        }).await().atMost(WAIT);
        assertEquals(id.toString(), async);
        // blocking, from this thread (no Vert.x context)
        assertEquals(id.toString(), lra.callIn(id, () -> header.header()));
        assertEquals(Optional.empty(), lra.current(), "outside, no LRA");
        assertEquals("null", header.header(), "calls outside carry none");

        // on a worker thread of a duplicated context (as a request or a message is handled): in place, and the LRA
        // before is current again afterwards
        URI other = lra.startAndAwait("run-in-other", Duration.ZERO);
        Context request = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        String seen = request.<String> executeBlocking(() -> lra.callIn(id, () -> {
            String thread = Thread.currentThread().getName();
            String inner = lra.callIn(other, () -> header.header() + "@" + Thread.currentThread().getName());
            return inner + "|" + header.header() + "@" + thread + "|" + lra.current().orElse(null);
        }) + "|" + lra.current().orElse(null), false).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        String[] parts = seen.split("\\|");
        String[] inner = parts[0].split("@");
        String[] outer = parts[1].split("@");
        assertEquals(other.toString(), inner[0], "the inner block's call carried its LRA");
        assertEquals(id.toString(), outer[0], "after it, the outer LRA again");
        assertEquals(outer[1], inner[1], "in place: on the caller's thread");
        assertEquals(id.toString(), parts[2]);
        assertEquals("null", parts[3], "after callIn, none");

        // the Uni's result comes back where the caller was: there the LRA is not current
        CompletableFuture<String> after = new CompletableFuture<>();
        request.runOnContext(v -> lra.runIn(id, () -> header.headerAsync()).subscribe().with(
                item -> after.complete(item + "|" + lra.current().orElse(null)), after::completeExceptionally));
        assertEquals(id + "|null", after.get(10, TimeUnit.SECONDS));
        lra.cancelAndAwait(id);
        lra.cancelAndAwait(other);
    }

    @Test
    void badArgumentsFailBeforeAnyCall() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        HttpServer untrusted = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        untrusted.createContext("/", exchange -> {
            calls.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        untrusted.start();
        try {
            URI foreign = URI.create("http://127.0.0.1:" + untrusted.getAddress().getPort() + "/lra-coordinator/0_x");
            for (Uni<?> call : List.<Uni<?>> of(lra.join(foreign, PaymentSteps.class), lra.close(foreign),
                    lra.cancel(foreign), lra.status(foreign), lra.renewTimeLimit(foreign, Duration.ofMinutes(1)),
                    lra.leave(foreign, PaymentSteps.class), lra.startNested(foreign, "x", Duration.ZERO),
                    lra.runIn(foreign, () -> Uni.createFrom().item("ran")))) {
                CoordinatorException e = assertThrows(CoordinatorException.class, () -> call.await().atMost(WAIT));
                assertEquals(403, e.status());
                assertTrue(e.getMessage().contains("trusted coordinator"), e.getMessage());
            }
            assertThrows(CoordinatorException.class, () -> lra.callIn(foreign, () -> "ran"));
            assertEquals(0, calls.get(), "nothing reached the untrusted coordinator");
        } finally {
            untrusted.stop(0);
        }

        URI id = lra.startAndAwait("bad-arguments", Duration.ZERO);
        IllegalArgumentException notParticipant = assertThrows(IllegalArgumentException.class,
                () -> lra.joinAndAwait(id, String.class));
        assertTrue(notParticipant.getMessage().contains("java.lang.String is not an LRA participant"),
                notParticipant.getMessage());
        assertThrows(IllegalArgumentException.class, () -> lra.startAndAwait("x", Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> lra.startAndAwait(" ", Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> lra.closeAndAwait(null));
        assertThrows(IllegalArgumentException.class, () -> lra.renewTimeLimitAndAwait(id, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> lra.callIn(id, null));
        assertEquals(Optional.of(LRAStatus.Active), lra.statusAndAwait(id), "nothing happened to the LRA");
        lra.cancelAndAwait(id);
    }

    @Test
    void blockingMethodsRefuseTheEventLoop() {
        CompletableFuture<Throwable> refused = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            try {
                lra.startAndAwait("on-the-event-loop", Duration.ZERO);
                refused.complete(null);
            } catch (Throwable t) {
                refused.complete(t);
            }
        });
        Throwable t = refused.join();
        assertTrue(t instanceof IllegalStateException, "refused with " + t);
        assertTrue(t.getMessage().contains("event loop"), t.getMessage());
        // and the Uni form works there
        CompletableFuture<URI> started = new CompletableFuture<>();
        vertx.runOnContext(v -> lra.start("on-the-event-loop", Duration.ZERO).subscribe()
                .with(started::complete, started::completeExceptionally));
        URI id = started.join();
        assertEquals(Optional.of(LRAStatus.Active), lra.statusAndAwait(id));
        lra.cancelAndAwait(id);
        await().atMost(WAIT).until(() -> "gone".equals(CoordinatorView.status(id.toString())));
    }
}
