package org.lraext.quarkus.deployment;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.MethodInfo;
import org.lraext.lra.protocol.CallbackKind;

import io.quarkus.arc.processor.InvokerInfo;
import io.quarkus.builder.item.MultiBuildItem;

/**
 * One callback that is a plain bean method, with the invoker ArC generates for it.
 */
public final class LraPlainCallbackBuildItem extends MultiBuildItem {

    private final ClassInfo participant;
    private final CallbackKind kind;
    private final MethodInfo method;
    private final InvokerInfo invoker;

    LraPlainCallbackBuildItem(ClassInfo participant, CallbackKind kind, MethodInfo method, InvokerInfo invoker) {
        this.participant = participant;
        this.kind = kind;
        this.method = method;
        this.invoker = invoker;
    }

    public ClassInfo participant() {
        return participant;
    }

    public CallbackKind kind() {
        return kind;
    }

    public MethodInfo method() {
        return method;
    }

    public InvokerInfo invoker() {
        return invoker;
    }
}
