package org.lraext.coordinator;

import java.util.concurrent.locks.ReentrantLock;

import org.eclipse.microprofile.lra.annotation.LRAStatus;

import com.arjuna.ats.arjuna.common.Uid;

import io.narayana.lra.coordinator.domain.model.LongRunningAction;
import io.narayana.lra.coordinator.domain.service.LRAService;

/**
 * An LRA whose close or cancel was cut short by a crash after its participants were prepared and before they were
 * told the outcome: the store holds it as Closing / Cancelling with every participant in the prepared list and none
 * pending. Narayana 1.1.0's recovery replays phase 2 only for participants it finds pending or heuristic, so such an
 * LRA would stay Closing / Cancelling forever and its participants would never be called. This finishes it: the
 * prepared participants get their @Complete / @Compensate, then the LRA ends as Narayana would end it.
 */
final class InterruptedEnd extends LongRunningAction {

    InterruptedEnd(LRAService service, Uid uid) {
        super(service, uid);
    }

    /** Whether the stored LRA is in that state (reads it from the store). */
    boolean isInterrupted() {
        if (!activate()) {
            return false;
        }
        LRAStatus status = getLRAStatus();
        return (status == LRAStatus.Closing || status == LRAStatus.Cancelling) && preparedList != null
                && preparedList.size() > 0 && (pendingList == null || pendingList.size() == 0)
                && (heuristicList == null || heuristicList.size() == 0);
    }

    /**
     * Tells the prepared participants the outcome, then records the end.
     *
     * @return the LRA's status afterwards
     */
    LRAStatus finish() {
        ReentrantLock lock = tryLockTransaction();
        if (lock == null) {
            return getLRAStatus();
        }
        try {
            checkParticipant(preparedList);
            phase2Commit(true);
            runPostLRAActions();
            if ((heuristicList == null || heuristicList.size() == 0) && (failedList == null || failedList.size() == 0)) {
                updateState(toLRAStatus(status()));
            }
            LRAStatus status = getLRAStatus();
            if (status == LRAStatus.Closed || status == LRAStatus.Cancelled || status == LRAStatus.FailedToClose
                    || status == LRAStatus.FailedToCancel) {
                getLraService().finished(this, false);
            }
            return status;
        } finally {
            lock.unlock();
        }
    }
}
