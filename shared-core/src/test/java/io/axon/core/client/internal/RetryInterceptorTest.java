package io.axon.core.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RetryInterceptorTest {
  private final MockWebServer server = new MockWebServer();
  private final List<Long> sleeps = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private int get(RetryInterceptor retry) throws IOException {
    OkHttpClient http = new OkHttpClient.Builder().addInterceptor(retry).build();
    try (Response response =
        http.newCall(new Request.Builder().url(server.url("/x")).build()).execute()) {
      return response.code();
    }
  }

  @Test
  void doublesTheBackoffCeilingUpToTheMaximum() throws IOException {
    for (int i = 0; i < 6; i++) {
      server.enqueue(new MockResponse.Builder().code(502).build());
    }

    int status = get(new RetryInterceptor(6, 100, 500, sleeps::add, () -> 0.999));

    assertThat(status).isEqualTo(502);
    assertThat(sleeps).containsExactly(99L, 199L, 399L, 499L, 499L);
  }

  @Test
  void drawsEachDelayUniformlyBelowTheCeiling() throws IOException {
    server.enqueue(new MockResponse.Builder().code(500).build());
    server.enqueue(new MockResponse.Builder().code(500).build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    double[] draws = {0.0, 0.5};
    int[] next = {0};

    int status = get(new RetryInterceptor(5, 1000, 60_000, sleeps::add, () -> draws[next[0]++]));

    assertThat(status).isEqualTo(200);
    assertThat(sleeps).containsExactly(0L, 1000L);
  }

  @Test
  void returnsTheFirstClientErrorUntouched() throws IOException {
    server.enqueue(new MockResponse.Builder().code(429).build());

    assertThat(get(new RetryInterceptor(5, 100, 500, sleeps::add, () -> 0.5))).isEqualTo(429);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void stopsWaitingWhenTheThreadIsInterrupted() {
    server.enqueue(new MockResponse.Builder().code(503).build());
    RetryInterceptor retry =
        new RetryInterceptor(
            5,
            100,
            500,
            millis -> {
              throw new InterruptedException();
            },
            () -> 0.5);

    try {
      get(retry);
      throw new AssertionError("expected an InterruptedIOException");
    } catch (IOException e) {
      assertThat(e).isInstanceOf(java.io.InterruptedIOException.class);
      assertThat(Thread.interrupted()).as("interrupt flag restored").isTrue();
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }
}
