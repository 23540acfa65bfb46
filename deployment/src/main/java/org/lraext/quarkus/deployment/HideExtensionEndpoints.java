package org.lraext.quarkus.deployment;

import java.util.List;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Paths;
import org.lraext.quarkus.runtime.internal.LraParticipantProxy;

/**
 * Removes the endpoints the extension adds (the proxy the coordinator calls for plain-method participant callbacks)
 * from the application's OpenAPI document: they are for the coordinator, not for the application's clients. Applied
 * when the document is built.
 */
final class HideExtensionEndpoints implements OASFilter {

    private static final String PROXY = "/" + LraParticipantProxy.PATH + "/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Paths paths = openAPI.getPaths();
        if (paths == null || paths.getPathItems() == null) {
            return;
        }
        for (String path : List.copyOf(paths.getPathItems().keySet())) {
            if (path.contains(PROXY)) {
                paths.removePathItem(path);
            }
        }
    }
}
