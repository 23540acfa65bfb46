package org.lraext.quarkus.runtime.internal;

import java.util.function.Supplier;

/**
 * The service's own bearer token ({@code Bearer ...}) from an OIDC client ({@link OidcClientToken}, a bean only in
 * applications with {@code quarkus-oidc-client}: nothing here names its types, so an application without it, native
 * ones included, never loads them); null before the first token arrived.
 */
public interface ServiceToken extends Supplier<String> {
}
