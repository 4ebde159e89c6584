package io.axon.coordinator;

/** Entry point of {@code ./axon coordinator}. */
public final class CoordinatorMain {
  private CoordinatorMain() {}

  public static void main(String[] args) {
    System.out.println("coordinator: not yet");
  }
}
