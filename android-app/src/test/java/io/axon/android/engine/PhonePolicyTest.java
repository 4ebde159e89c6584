package io.axon.android.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.axon.android.engine.PhoneDecision.Cause;
import io.axon.android.monitor.PhoneState;
import io.axon.android.prefs.PhonePreferences;
import org.junit.jupiter.api.Test;

class PhonePolicyTest {
  private final PhonePolicy policy = new PhonePolicy();
  private final PhonePreferences defaults = PhonePreferences.defaults();

  private static PhoneState plugged(double percent) {
    return new PhoneState(true, percent, 30.0, true, true, false);
  }

  @Test
  void computesOnAFullChargedCoolPhoneWithTheScreenOff() {
    PhoneDecision d = policy.decide(defaults, plugged(100));

    assertThat(d.computeAllowed()).isTrue();
    assertThat(d.reason()).isEqualTo("computing");
    assertThat(d.transfersAllowed()).isTrue();
  }

  @Test
  void chargeHysteresisSuspendsBelowNinetyAndResumesOnlyAtNinetyFive() {
    // a phone plugged in at 92 % waits for the resume level before it starts
    assertThat(policy.decide(defaults, plugged(92)).reason())
        .isEqualTo("waiting: battery 92 %, resumes at 95 %");
    assertThat(policy.decide(defaults, plugged(95)).computeAllowed()).isTrue();
    // then computes down to the suspend level
    assertThat(policy.decide(defaults, plugged(92)).computeAllowed()).isTrue();

    PhoneDecision low = policy.decide(defaults, plugged(89));
    assertThat(low.computeAllowed()).isFalse();
    assertThat(low.cause()).isEqualTo(Cause.BATTERY_LOW);
    assertThat(low.reason()).isEqualTo("waiting: battery 89 %, resumes at 95 %");

    // back above the suspend level but below the resume level: still waiting
    assertThat(policy.decide(defaults, plugged(91)).computeAllowed()).isFalse();
    assertThat(policy.decide(defaults, plugged(94.9)).reason())
        .isEqualTo("waiting: battery 94 %, resumes at 95 %");

    assertThat(policy.decide(defaults, plugged(95)).computeAllowed()).isTrue();
    // and it keeps computing down to the suspend level
    assertThat(policy.decide(defaults, plugged(90)).computeAllowed()).isTrue();
  }

  @Test
  void chargeBandIsConfigurable() {
    PhonePreferences band = new PhonePreferences(true, 60, 90, 40, true, true, 50);

    assertThat(policy.decide(band, plugged(90)).computeAllowed()).isTrue();
    assertThat(policy.decide(band, plugged(71)).computeAllowed()).isTrue();
    assertThat(policy.decide(band, plugged(59)).reason())
        .isEqualTo("waiting: battery 59 %, resumes at 90 %");
    assertThat(policy.decide(band, plugged(71)).reason())
        .isEqualTo("waiting: battery 71 %, resumes at 90 %");
    assertThat(policy.decide(band, plugged(90)).computeAllowed()).isTrue();
  }

  @Test
  void unpluggedPhoneWaitsForTheCharger() {
    PhoneDecision d = policy.decide(defaults, new PhoneState(false, 100, 30, true, true, false));

    assertThat(d.reason()).isEqualTo("waiting: not charging");
    assertThat(d.cause().watchedByJobScheduler()).isTrue();
  }

  @Test
  void onBatteryComputingIsAllowedWhenChargingOnlyIsOff() {
    PhonePreferences any = new PhonePreferences(false, 0, 95, 40, true, true, 50);

    assertThat(
            policy.decide(any, new PhoneState(false, 40, 30, true, true, false)).computeAllowed())
        .isTrue();
  }

  @Test
  void hotBatteryPausesAboveTheMaximumAndResumesThreeDegreesBelow() {
    PhoneDecision hot = policy.decide(defaults, new PhoneState(true, 100, 40.5, true, true, false));
    assertThat(hot.cause()).isEqualTo(Cause.BATTERY_HOT);
    assertThat(hot.reason()).isEqualTo("waiting: battery 40.5 °C, resumes at 37 °C");

    assertThat(
            policy
                .decide(defaults, new PhoneState(true, 100, 38, true, true, false))
                .computeAllowed())
        .isFalse();
    assertThat(
            policy
                .decide(defaults, new PhoneState(true, 100, 37, true, true, false))
                .computeAllowed())
        .isTrue();
  }

  @Test
  void screenOnPausesOnlyWhenAskedTo() {
    PhoneState screenOn = new PhoneState(true, 100, 30, true, true, true);
    assertThat(policy.decide(defaults, screenOn).reason()).isEqualTo("waiting: screen on");

    PhonePreferences keepGoing = new PhonePreferences(true, 90, 95, 40, true, false, 50);
    assertThat(policy.decide(keepGoing, screenOn).computeAllowed()).isTrue();
  }

  @Test
  void meteredNetworkPausesTransfersButNotTraining() {
    PhoneDecision d = policy.decide(defaults, new PhoneState(true, 100, 30, true, false, false));

    assertThat(d.computeAllowed()).isTrue();
    assertThat(d.transfersAllowed()).isFalse();
    assertThat(
            PhonePolicy.transferReason(defaults, new PhoneState(true, 100, 30, true, false, false)))
        .isEqualTo("transfers wait: metered network");
  }

  @Test
  void unknownChargeIsNotHeldAgainstThePhone() {
    assertThat(policy.decide(defaults, plugged(Double.NaN)).computeAllowed()).isTrue();
  }
}
