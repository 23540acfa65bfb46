package org.lraext.it.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lraext.quarkus.test.LraTesting;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * LRAs carried over Kafka, against a real broker: the HTTP step's records carry its LRA, an {@code @Incoming @LRA}
 * method joins and ends it, the type table applies to records, refused and hostile records are nacked (to a
 * dead-letter topic here) without any call, and a record delivered twice joins once.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class KafkaLraTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String HEADER = "Long-Running-Action";

    @Inject
    Ledger ledger;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String servers;

    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void noProducerYet() {
        producer = null;
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void send(String topic, String payload, RecordHeaders headers) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        }
        try {
            producer.send(new ProducerRecord<String, String>(topic, null, (String) null, payload, headers)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RecordHeaders lra(String lra) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(HEADER, lra.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private void awaitLedger(String kind, Object value, int times) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger.count(kind, value)).as(kind + " " + value)
                .isEqualTo(times));
    }

    @Test
    void aChargedPaymentClosesTheLraItsHttpStepStarted() {
        String lra = given().post("/orders/visa").then().statusCode(200).extract().asString();

        awaitLedger("payment-completed", lra, 1);
        awaitLedger("order-completed", lra, 1);
        assertThat(ledger.count("charged", lra)).isEqualTo(1);
        assertThat(ledger.count("payment-compensated", lra)).isZero();
        assertThat(ledger.count("order-compensated", lra)).isZero();
        assertThat(LraTesting.coordinator().status(lra)).isNotEqualTo(Optional.of(LRAStatus.Active));
        // the audit channel is switched off: its record carries no LRA
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger.get("audit")).contains("ordered with visa | lra=null"));

        // the same request delivered again once the LRA ended: the coordinator refuses the join, the record is nacked
        send("payments", "visa-again", lra(lra));
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger.get("dead-letter"))
                .anyMatch(d -> d.startsWith("visa-again | ")));
        assertThat(ledger.count("payment-ran", lra)).isEqualTo(1);
    }

    @Test
    void aDeclinedCardCancelsTheLraAndItsRecordGoesToTheDeadLetterTopic() {
        String lra = given().post("/orders/declined").then().statusCode(200).extract().asString();

        awaitLedger("payment-compensated", lra, 1);
        awaitLedger("order-compensated", lra, 1);
        assertThat(ledger.count("declined", lra)).isEqualTo(1);
        assertThat(ledger.count("payment-completed", lra)).isZero();
        assertThat(ledger.count("order-completed", lra)).isZero();
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger.get("dead-letter"))
                .contains("declined | card declined"));
    }

    @Test
    void aChainOfKafkaStepsPassesTheLraOnAndTheLastOneEndsIt() {
        String lra = given().post("/orders/chain/go").then().statusCode(200).extract().asString();

        awaitLedger("second-completed", lra, 1);
        awaitLedger("first-completed", lra, 1);
        awaitLedger("order-completed", lra, 1);
        assertThat(ledger.count("first-ran", lra)).isEqualTo(1);
        assertThat(ledger.get("second-payload")).contains("go+1");
        // the Uni step ran on an event loop: nothing of it blocked
        assertThat(ledger.get("first-thread")).allMatch(t -> t.contains("eventloop"));

        String failing = given().post("/orders/chain/fail").then().statusCode(200).extract().asString();
        awaitLedger("second-compensated", failing, 1);
        awaitLedger("first-compensated", failing, 1);
        awaitLedger("order-compensated", failing, 1);
        assertThat(ledger.count("first-completed", failing)).isZero();
    }

    @Test
    void aRecordDeliveredTwiceJoinsOnceAndItsEffectHappensOnce() {
        String lra = LraTesting.coordinator().start("redelivery");
        send("enrol", "ada", lra(lra));
        send("enrol", "ada", lra(lra));
        awaitLedger("enrol-ran", lra, 2);
        assertThat(ledger.count("enrolled", lra)).isEqualTo(1);

        LraTesting.coordinator().close(lra);
        awaitLedger("enrol-completed", lra, 1);
        // a second join would have been a second participant, completed a second time: it stays at one
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> ledger.count("enrol-completed", lra) == 1);
        assertThat(ledger.count("enrol-compensated", lra)).isZero();
    }

    @Test
    void hostileHeadersAreNackedWithoutAnyCall() throws Exception {
        int ran = ledger.get("payment-ran").size();
        try (ServerSocket trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread accepting = new Thread(() -> {
                while (!trap.isClosed()) {
                    try (Socket s = trap.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            accepting.setDaemon(true);
            accepting.start();
            String untrusted = "http://127.0.0.1:" + trap.getLocalPort() + "/lra-coordinator/0_ffff7f000001_a_b_1";

            send("payments", "hostile-garbage", lra("not an LRA id at all"));
            send("payments", "hostile-oversized", lra("http://localhost/lra-coordinator/" + "x".repeat(5000)));
            send("payments", "hostile-untrusted", lra(untrusted));
            RecordHeaders notText = new RecordHeaders();
            notText.add(new RecordHeader(HEADER, new byte[] { (byte) 0xff, (byte) 0xfe, (byte) 0x80 }));
            send("payments", "hostile-not-utf8", notText);
            RecordHeaders two = lra(untrusted);
            two.add(HEADER, "http://127.0.0.1:1/lra-coordinator/0_1".getBytes(StandardCharsets.UTF_8));
            send("payments", "hostile-two", two);
            send("payments", "hostile-none", new RecordHeaders());

            List<String> expected = List.of("hostile-garbage", "hostile-oversized", "hostile-untrusted",
                    "hostile-not-utf8", "hostile-two", "hostile-none");
            await().atMost(WAIT).untilAsserted(() -> {
                List<String> dead = new ArrayList<>();
                for (String d : ledger.get("dead-letter")) {
                    dead.add(d.substring(0, d.indexOf(" | ")));
                }
                assertThat(dead).containsAll(expected);
            });
            assertThat(ledger.get("dead-letter")).filteredOn(d -> d.startsWith("hostile-"))
                    .allMatch(d -> d.contains("refused by org.lraext.it.kafka.PaymentService#charge"));
            assertThat(ledger.get("dead-letter")).anyMatch(d -> d.startsWith("hostile-none") && d.contains("MANDATORY"));
            assertThat(ledger.get("dead-letter")).anyMatch(d -> d.startsWith("hostile-oversized")
                    && d.contains("longer than 2048"));
            assertThat(ledger.get("dead-letter")).anyMatch(d -> d.startsWith("hostile-untrusted")
                    && d.contains("trusted"));
            assertThat(ledger.get("payment-ran")).hasSize(ran);
            assertThat(connections.get()).as("connections to the untrusted coordinator").isZero();
        }
    }

    @Test
    void theTypeTableAppliesToRecords() {
        String parent = LraTesting.coordinator().start("types");

        // NEVER: a record in an LRA is refused
        send("never", "in-lra", lra(parent));
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger.get("types-dead-letter"))
                .anyMatch(d -> d.startsWith("in-lra | ") && d.contains("NEVER")));
        send("never", "outside", new RecordHeaders());
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger.get("never-ran")).contains("outside | null"));
        assertThat(ledger.get("never-ran")).noneMatch(r -> r.startsWith("in-lra"));

        // REQUIRED without an LRA: a new one, closed when the method returns
        send("required", "alone", new RecordHeaders());
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger.get("required-ran"))
                .anyMatch(r -> r.startsWith("alone | http")));
        String started = ledger.get("required-ran").stream().filter(r -> r.startsWith("alone | ")).findFirst()
                .orElseThrow().substring("alone | ".length());
        awaitLedger("typed-completed", started, 1);

        // NOT_SUPPORTED: runs outside the record's LRA
        send("not-supported", "aside", lra(parent));
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger.get("not-supported-ran")).contains("aside | null"));

        // NESTED: a nested LRA under the record's, closed with the method; the parent goes on
        send("nested", "child", lra(parent));
        await().atMost(WAIT).untilAsserted(() -> assertThat(ledger.get("nested-ran"))
                .anyMatch(r -> r.startsWith("child | http")));
        String nested = ledger.get("nested-ran").stream().filter(r -> r.startsWith("child | ")).findFirst()
                .orElseThrow().substring("child | ".length());
        assertThat(nested).isNotEqualTo(parent);
        assertThat(LraTesting.coordinator().status(parent)).contains(LRAStatus.Active);
        LraTesting.coordinator().cancel(parent);
        // the closed nested LRA's participant is compensated with its parent
        awaitLedger("typed-compensated", nested, 1);
    }
}
