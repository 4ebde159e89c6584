package io.axon.core.engine;

/** Who this volunteer is at one coordinator: the host id and bearer token it registered with. */
record HostIdentity(String coordinatorUrl, long hostId, String token) {
  HostIdentity {
    if (coordinatorUrl == null || token == null || token.isEmpty()) {
      throw new IllegalArgumentException("coordinator URL and token are required");
    }
  }

  @Override
  public String toString() {
    // never print the token
    return "HostIdentity[" + coordinatorUrl + ", host " + hostId + "]";
  }
}
