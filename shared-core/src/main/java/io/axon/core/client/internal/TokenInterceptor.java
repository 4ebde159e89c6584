package io.axon.core.client.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Adds {@code Authorization: Bearer <token>} to every request that has none. */
public final class TokenInterceptor implements Interceptor {
  private final String token;

  public TokenInterceptor(String token) {
    if (token == null || token.trim().isEmpty()) {
      throw new IllegalArgumentException("token must not be empty");
    }
    this.token = token;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    if (chain.request().header("Authorization") != null) {
      return chain.proceed(chain.request());
    }
    return chain.proceed(
        chain.request().newBuilder().header("Authorization", "Bearer " + token).build());
  }
}
