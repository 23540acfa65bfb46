package org.lraext.lra.protocol;

/**
 * Class names as messages and views show them.
 */
public final class ClassNames {

    private ClassNames() {
    }

    /** The simple name of a fully qualified class name: {@code com.acme.Hotel} is {@code Hotel}. */
    public static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
