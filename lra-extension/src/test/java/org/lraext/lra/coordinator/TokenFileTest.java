package org.lraext.lra.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.Vertx;

class TokenFileTest {

    private final Vertx vertx = Vertx.vertx();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private void write(Path file, String content) throws IOException {
        Path next = dir.resolve("next");
        Files.writeString(next, content);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void awaitHeader(TokenFile token, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!expected.equals(token.get()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(expected, token.get());
    }

    @Test
    void aRotatedTokenIsPickedUpAndAnUnusableOneIsNot() throws Exception {
        Path file = dir.resolve("token");
        write(file, "first.token.value\n");
        try (TokenFile token = new TokenFile(vertx, file, Duration.ofMillis(50))) {
            assertEquals("Bearer first.token.value", token.get());
            write(file, "second.token.value-longer");
            awaitHeader(token, "Bearer second.token.value-longer");
            // a rotation in progress (empty), or garbage: the last good token stays
            write(file, "");
            Thread.sleep(300);
            assertEquals("Bearer second.token.value-longer", token.get());
            write(file, "two tokens");
            Thread.sleep(300);
            assertEquals("Bearer second.token.value-longer", token.get());
            Files.delete(file);
            Thread.sleep(300);
            assertEquals("Bearer second.token.value-longer", token.get());
            write(file, "third");
            awaitHeader(token, "Bearer third");
        }
    }

    @Test
    void aMissingEmptyOrHugeFileIsRefusedAtOnce() throws IOException {
        Path missing = dir.resolve("missing");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TokenFile(vertx, missing, Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        Path empty = dir.resolve("empty");
        Files.writeString(empty, " \n");
        e = assertThrows(IllegalArgumentException.class, () -> new TokenFile(vertx, empty, Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        Path huge = dir.resolve("huge");
        Files.writeString(huge, "x".repeat(TokenFile.MAX_BYTES + 1));
        e = assertThrows(IllegalArgumentException.class, () -> new TokenFile(vertx, huge, Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("at most"), e.getMessage());
    }
}
