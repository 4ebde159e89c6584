package io.axon.core.engine;

import io.axon.core.client.CoordinatorClient;
import io.axon.core.client.CoordinatorException;
import io.axon.core.protocol.HostRegistered;
import io.axon.core.protocol.HostRegistration;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The volunteer's standing with one coordinator: its identity and a client carrying its token.
 * Calls that the coordinator answers with 401 (it has forgotten this host, e.g. after its database
 * was reset) register the host again and are retried once. Thread-safe: the heartbeat thread and
 * the work loop share it.
 */
final class CoordinatorSession {
  private static final Logger log = LoggerFactory.getLogger(CoordinatorSession.class);
  static final int UNAUTHORIZED = 401;

  /** One call that needs the token. */
  interface Call<T> {
    T on(CoordinatorClient client) throws IOException;
  }

  private final CoordinatorClient anonymous;
  private final IdentityStore store;
  private final HostRegistration registration;
  private final String coordinatorUrl;
  private final LongConsumer onRegistered;
  private volatile HostIdentity identity;
  private volatile CoordinatorClient client;

  CoordinatorSession(
      CoordinatorClient anonymous,
      IdentityStore store,
      String coordinatorUrl,
      HostRegistration registration,
      LongConsumer onRegistered) {
    this.onRegistered = onRegistered;
    this.anonymous = anonymous;
    this.store = store;
    this.coordinatorUrl = coordinatorUrl;
    this.registration = registration;
  }

  /**
   * Loads the saved identity, or registers and saves a new one (and tells {@code onRegistered}).
   * Returns true if it registered.
   *
   * @throws IOException if the coordinator cannot be reached or refuses the registration
   */
  synchronized boolean start() throws IOException {
    Optional<HostIdentity> saved = store.load(coordinatorUrl);
    if (saved.isPresent()) {
      use(saved.get());
      return false;
    }
    register();
    return true;
  }

  long hostId() {
    return identity.hostId();
  }

  /**
   * The client's round-trip time of its last answered small request (shared by the clients with and
   * without the token); empty before the first.
   */
  OptionalLong lastRttMillis() {
    return anonymous.lastRttMillis();
  }

  /** Runs {@code call} with the token, registering again once if the coordinator forgot us. */
  <T> T call(Call<T> call) throws IOException {
    CoordinatorClient used = client;
    try {
      return call.on(used);
    } catch (CoordinatorException e) {
      if (e.status() != UNAUTHORIZED) {
        throw e;
      }
      registerAgain(used);
      return call.on(client);
    }
  }

  private synchronized void registerAgain(CoordinatorClient rejected) throws IOException {
    if (client != rejected) {
      return; // another thread has registered again meanwhile
    }
    log.warn("Coordinator {} no longer knows host {}: registering again", coordinatorUrl, hostId());
    register();
  }

  private void register() throws IOException {
    HostRegistered registered = anonymous.register(registration);
    HostIdentity fresh = new HostIdentity(coordinatorUrl, registered.hostId(), registered.token());
    store.save(fresh);
    use(fresh);
    log.info("Registered with {} as host {}", coordinatorUrl, fresh.hostId());
    onRegistered.accept(fresh.hostId());
  }

  private void use(HostIdentity id) {
    identity = id;
    client = anonymous.withToken(id.token());
  }
}
