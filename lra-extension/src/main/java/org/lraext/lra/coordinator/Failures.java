package org.lraext.lra.coordinator;

import java.util.concurrent.CompletionException;

/**
 * Reading the failures of coordinator calls, which arrive wrapped in {@link CompletionException}s.
 */
public final class Failures {

    private Failures() {
    }

    /** The failure itself: the cause of a {@link CompletionException}, else the throwable as it is. */
    public static Throwable cause(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /** Whether the failure means the coordinator was not reached or failed (503), so the call is worth retrying. */
    public static boolean unreachable(Throwable t) {
        return cause(t) instanceof CoordinatorException e && e.status() == 503;
    }

    /** Whether the coordinator refused the caller's credentials (401) or their rights (403). */
    public static boolean refused(Throwable t) {
        return cause(t) instanceof CoordinatorException e && (e.answered() == 401 || e.answered() == 403);
    }

    /** The coordinator's failure, or null when the failure is something else. */
    public static CoordinatorException coordinatorFailure(Throwable t) {
        return cause(t) instanceof CoordinatorException e ? e : null;
    }

    /** {@code SimpleName: message}, for log lines and answers. */
    static String describe(Throwable t) {
        String name = t.getClass().getSimpleName();
        String msg = t.getMessage();
        return msg == null ? name : name + ": " + msg;
    }
}
