package org.lraext.quarkus.deployment;

import org.lraext.quarkus.runtime.devui.LraDevUiService;

import io.quarkus.deployment.IsDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;

/**
 * The Dev UI card: the LRAs of the application, live, with close / cancel for active ones.
 */
class LraDevUiProcessor {

    @BuildStep(onlyIf = IsDevelopment.class)
    CardPageBuildItem card() {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addPage(Page.webComponentPageBuilder()
                .title("LRAs")
                .icon("font-awesome-solid:arrows-spin")
                .componentLink("qwc-lra-lras.js"));
        return card;
    }

    @BuildStep(onlyIf = IsDevelopment.class)
    JsonRPCProvidersBuildItem rpc() {
        return new JsonRPCProvidersBuildItem(LraDevUiService.class);
    }
}
