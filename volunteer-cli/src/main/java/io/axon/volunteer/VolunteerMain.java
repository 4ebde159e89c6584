package io.axon.volunteer;

/** Entry point of {@code ./axon volunteer}. */
public final class VolunteerMain {
  private VolunteerMain() {}

  public static void main(String[] args) {
    System.out.println("volunteer: not yet");
  }
}
