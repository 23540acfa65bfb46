package org.lraext.quarkus.runtime.internal;

import jakarta.enterprise.invoke.Invoker;

import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.RecordableConstructor;

/**
 * One participant callback that is a plain bean method, as the build recorded it: the invoker ArC generated for it
 * (which looks the bean up and calls the method directly: no reflection), and what the method takes.
 */
public final class PlainCallback {

    private final String participant;
    private final String rel;
    private final RuntimeValue<Invoker<Object, Object>> invoker;
    private final int arity;
    private final String display;

    /**
     * @param participant the participant class
     * @param rel the callback's link relation ({@code compensate}, {@code after}, ...)
     * @param arity how many parameters the method takes: 0, 1 (the LRA) or 2 (the LRA and its parent, or for
     *        {@code @AfterLRA} the LRA and its final status)
     * @param display {@code Class#method(Params)}, for log lines
     */
    @RecordableConstructor
    public PlainCallback(String participant, String rel, RuntimeValue<Invoker<Object, Object>> invoker, int arity,
            String display) {
        this.participant = participant;
        this.rel = rel;
        this.invoker = invoker;
        this.arity = arity;
        this.display = display;
    }

    public String getParticipant() {
        return participant;
    }

    public String getRel() {
        return rel;
    }

    public RuntimeValue<Invoker<Object, Object>> getInvoker() {
        return invoker;
    }

    public int getArity() {
        return arity;
    }

    public String getDisplay() {
        return display;
    }
}
