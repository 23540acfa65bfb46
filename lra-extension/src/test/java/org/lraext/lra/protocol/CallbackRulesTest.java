package org.lraext.lra.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.microprofile.lra.annotation.ParticipantStatus;
import org.junit.jupiter.api.Test;

class CallbackRulesTest {

    @Test
    void participantStatusToHttp() {
        assertEquals(200, CallbackRules.statusCode(ParticipantStatus.Compensated));
        assertEquals(200, CallbackRules.statusCode(ParticipantStatus.Completed));
        assertEquals(202, CallbackRules.statusCode(ParticipantStatus.Compensating));
        assertEquals(202, CallbackRules.statusCode(ParticipantStatus.Completing));
        assertEquals(202, CallbackRules.statusCode(ParticipantStatus.Active));
        assertEquals(409, CallbackRules.statusCode(ParticipantStatus.FailedToCompensate));
        assertEquals(409, CallbackRules.statusCode(ParticipantStatus.FailedToComplete));
    }

    @Test
    void voidCallbacksAnswer200() {
        assertEquals(200, CallbackRules.answerCode(CallbackKind.AFTER, 204));
        assertEquals(200, CallbackRules.answerCode(CallbackKind.FORGET, 204));
        assertEquals(200, CallbackRules.answerCode(CallbackKind.COMPENSATE, 204));
        assertEquals(204, CallbackRules.answerCode(CallbackKind.LEAVE, 204));
        assertEquals(410, CallbackRules.answerCode(CallbackKind.STATUS, 410));
        assertEquals(202, CallbackRules.answerCode(CallbackKind.COMPLETE, 202));
    }
}
