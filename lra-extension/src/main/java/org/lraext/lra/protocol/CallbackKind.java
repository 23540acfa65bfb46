package org.lraext.lra.protocol;

import java.util.Locale;

/**
 * The participant callbacks, with the {@code rel} each has in the join {@code Link} header.
 */
public enum CallbackKind {
    COMPENSATE("compensate", "org.eclipse.microprofile.lra.annotation.Compensate"),
    COMPLETE("complete", "org.eclipse.microprofile.lra.annotation.Complete"),
    STATUS("status", "org.eclipse.microprofile.lra.annotation.Status"),
    FORGET("forget", "org.eclipse.microprofile.lra.annotation.Forget"),
    LEAVE("leave", "org.eclipse.microprofile.lra.annotation.ws.rs.Leave"),
    AFTER("after", "org.eclipse.microprofile.lra.annotation.AfterLRA");

    private final String rel;
    private final String annotation;

    CallbackKind(String rel, String annotation) {
        this.rel = rel;
        this.annotation = annotation;
    }

    /** The link relation the coordinator knows this callback by. */
    public String rel() {
        return rel;
    }

    /** The fully qualified name of the annotation that marks this callback. */
    public String annotation() {
        return annotation;
    }

    /** The annotation as a user writes it, e.g. {@code @Compensate}. */
    public String annotationSimpleName() {
        return "@" + ClassNames.simple(annotation);
    }

    /** The callback for a link relation, case-insensitive. */
    public static CallbackKind ofRel(String rel) {
        String r = rel.toLowerCase(Locale.ROOT);
        for (CallbackKind k : values()) {
            if (k.rel.equals(r)) {
                return k;
            }
        }
        throw new IllegalArgumentException("Unknown LRA link relation: " + rel);
    }
}
