package org.lraext.quarkus.runtime.internal;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.quarkus.arc.ArcInvocationContext;

/**
 * Runs an {@code @Incoming @LRA} method in the LRA its record names, as {@link IncomingLra} decides. Early among the
 * interceptors, so that the application's own (a transaction, say) run inside the LRA.
 */
@LraIncoming
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class IncomingLraInterceptor {

    @Inject
    IncomingLra incoming;

    @AroundInvoke
    Object around(InvocationContext ic) throws Exception {
        LraIncoming binding = ArcInvocationContext.findIterceptorBinding(ic, LraIncoming.class);
        return incoming.invoke(ic, binding == null ? null : binding.value());
    }
}
