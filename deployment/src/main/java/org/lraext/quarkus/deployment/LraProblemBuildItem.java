package org.lraext.quarkus.deployment;

import io.quarkus.builder.item.MultiBuildItem;

/**
 * One problem in the application's use of LRA, naming the class, the method and the fix; the build fails with all of
 * them at once.
 */
public final class LraProblemBuildItem extends MultiBuildItem {

    private final String message;

    LraProblemBuildItem(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
