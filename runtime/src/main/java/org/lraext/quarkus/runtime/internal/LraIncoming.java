package org.lraext.quarkus.runtime.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Added by the build to each {@code @Incoming} method with {@code @LRA}: binds it to {@link IncomingLraInterceptor}.
 * Not for applications' code.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface LraIncoming {

    /** The method's id in the {@link LraRegistry}. */
    @Nonbinding
    String value() default "";
}
