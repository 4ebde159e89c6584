package io.axon.core.monitor;

/** Where the machine draws power from. */
public enum PowerSource {
  /** Mains power, or a machine without a battery. */
  AC,
  /** Running on battery. */
  BATTERY,
  /** The platform does not say. */
  UNKNOWN
}
