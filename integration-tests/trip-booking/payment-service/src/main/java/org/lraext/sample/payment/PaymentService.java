package org.lraext.sample.payment;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.lra.annotation.Compensate;
import org.eclipse.microprofile.lra.annotation.Complete;
import org.eclipse.microprofile.lra.annotation.ws.rs.LRA;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.lraext.quarkus.runtime.LraClient;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The saga's Kafka step: consumes the trip service's payment request in the trip's LRA and ends that LRA — closed when
 * the card is charged (every participant confirms), cancelled when it is declined (flight and hotel are released, the
 * trip is cancelled). A refund is its compensation.
 * <p>
 * Kafka delivers at least once: the payment row is keyed by the LRA, so a request consumed again (after a crash, or a
 * rebalance) finds its row and charges nothing more.
 */
@Path("/payments")
public class PaymentService {

    private static final Logger LOG = Logger.getLogger(PaymentService.class);

    /** Cards starting with this are declined, as a test card of a payment provider would be. */
    static final String DECLINED_PREFIX = "4000";

    @Inject
    LraClient lra;

    /** How long a charge takes with the card of that name (the tests crash the service meanwhile); none by default. */
    @ConfigProperty(name = "sample.payment.slow-card")
    java.util.Optional<String> slowCard;

    @Incoming("payment-requests")
    @LRA(LRA.Type.MANDATORY)
    public void charge(PaymentRequest request) {
        String lraId = lra.current().orElseThrow().toString();
        boolean declined = QuarkusTransaction.requiringNew().call(() -> {
            Payment payment = Payment.byLra(lraId);
            if (payment != null) {
                payment.deliveries++;
                LOG.infof("Payment request of trip %d delivered again (LRA %s): already %s", request.tripId(), lraId,
                        payment.state);
                return payment.state == Payment.State.DECLINED;
            }
            if (slowCard.isPresent() && slowCard.get().equals(request.card())) {
                LOG.infof("Charging trip %d slowly (LRA %s)", request.tripId(), lraId);
                sleep(Duration.ofSeconds(30));
            }
            payment = new Payment();
            payment.lraId = lraId;
            payment.tripId = request.tripId();
            payment.card = request.card();
            payment.amount = request.amount();
            payment.deliveries = 1;
            payment.state = request.card().startsWith(DECLINED_PREFIX) ? Payment.State.DECLINED : Payment.State.CHARGED;
            payment.persist();
            LOG.infof("Trip %d: %d charged to %s? %s (LRA %s)", request.tripId(), request.amount(), request.card(),
                    payment.state, lraId);
            return payment.state == Payment.State.DECLINED;
        });
        if (declined) {
            // the LRA is cancelled: the trip's participants compensate, and so does this one
            throw new CardDeclinedException(request.card());
        }
    }

    @Complete
    public void capture(URI lraId) {
        QuarkusTransaction.requiringNew().run(() -> {
            Payment payment = Payment.byLra(lraId.toString());
            if (payment == null || payment.state == Payment.State.CAPTURED) {
                return; // unknown, or a repeated delivery of the callback
            }
            payment.completions++;
            payment.state = Payment.State.CAPTURED;
        });
    }

    @Compensate
    public void refund(URI lraId) {
        QuarkusTransaction.requiringNew().run(() -> {
            Payment payment = Payment.byLra(lraId.toString());
            if (payment == null || payment.state == Payment.State.REFUNDED) {
                return;
            }
            payment.compensations++;
            // a declined card was never charged: it ends as declined, with the compensation counted
            if (payment.state != Payment.State.DECLINED) {
                payment.state = Payment.State.REFUNDED;
            }
        });
    }

    @GET
    public List<Payment> payments(@QueryParam("lra") String lraId) {
        return lraId == null ? Payment.listAll() : Payment.list("lraId", lraId);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The card was refused. */
    public static class CardDeclinedException extends RuntimeException {
        CardDeclinedException(String card) {
            super("card " + card + " declined");
        }
    }
}
