package io.axon.core.client.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The coordinator base URLs a client may use and the one it uses now. Requests are built against
 * the first; {@link #route} moves one to another coordinator by swapping that base for the other's,
 * so every path (blobs and uploads included) works on each. After a failure the client moves on to
 * the next URL, round-robin, and stays with whichever answers ({@link #worked}). Thread-safe.
 */
public final class Coordinators {
  private final List<HttpUrl> bases;
  private final List<String> apiPrefixes;
  private final AtomicInteger current = new AtomicInteger();

  /**
   * @param bases the coordinators' base URLs, e.g. {@code http://host:8080/}, without duplicates
   */
  public Coordinators(List<HttpUrl> bases) {
    if (bases.isEmpty()) {
      throw new IllegalArgumentException("at least one coordinator URL is needed");
    }
    List<String> prefixes = new ArrayList<>(bases.size());
    for (HttpUrl base : bases) {
      String prefix = api(base).toString();
      if (prefixes.contains(prefix)) {
        throw new IllegalArgumentException("coordinator URL given twice: " + base);
      }
      prefixes.add(prefix);
    }
    this.bases = Collections.unmodifiableList(new ArrayList<>(bases));
    this.apiPrefixes = Collections.unmodifiableList(prefixes);
  }

  /** The API root under a coordinator's base URL: {@code <base>/api/v1}. */
  public static HttpUrl api(HttpUrl base) {
    return base.newBuilder().addPathSegments("api/v1").build();
  }

  /** The URL requests are built against: the API root of the first coordinator. */
  public HttpUrl primaryApi() {
    return HttpUrl.get(apiPrefixes.get(0));
  }

  public List<HttpUrl> bases() {
    return bases;
  }

  public int size() {
    return bases.size();
  }

  /** The index of the coordinator to try next. */
  public int current() {
    return current.get();
  }

  /** {@code request}, built against {@link #primaryApi()}, sent to coordinator {@code index}. */
  public Request route(Request request, int index) {
    if (index == 0) {
      return request;
    }
    String url = request.url().toString();
    String primary = apiPrefixes.get(0);
    if (!url.startsWith(primary)) {
      throw new IllegalArgumentException("not a coordinator API URL: " + url);
    }
    return request
        .newBuilder()
        .url(HttpUrl.get(apiPrefixes.get(index) + url.substring(primary.length())))
        .build();
  }

  /** Coordinator {@code index} answered: stay with it. */
  public void worked(int index) {
    current.set(index);
  }

  /**
   * Coordinator {@code index} failed: move on to the next one, unless another thread moved on
   * already (so that two threads failing at once do not skip a coordinator).
   */
  public void failed(int index) {
    current.compareAndSet(index, (index + 1) % bases.size());
  }
}
