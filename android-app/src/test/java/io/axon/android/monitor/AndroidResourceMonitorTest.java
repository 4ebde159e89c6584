package io.axon.android.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import android.app.Application;
import io.axon.android.Phone;
import io.axon.core.monitor.PowerSource;
import io.axon.core.monitor.Readings;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;

@RunWith(RobolectricTestRunner.class)
public class AndroidResourceMonitorTest {
  private final Application app = RuntimeEnvironment.getApplication();
  private final AndroidResourceMonitor monitor = new AndroidResourceMonitor(app);

  @Test
  public void readsChargeTemperatureAndPlugFromTheStickyBatteryIntent() {
    Phone.battery(app, true, 71, 36.4);
    Phone.screen(app, false);
    Phone.network(app, true);

    PhoneState state = monitor.phone();

    assertThat(state.plugged()).isTrue();
    assertThat(state.batteryPercent()).isEqualTo(71.0);
    assertThat(state.batteryTemperatureCelsius()).isEqualTo(36.4);
    assertThat(state.screenOn()).isFalse();
    assertThat(state.networkConnected()).isTrue();
    assertThat(state.unmetered()).isTrue();
  }

  @Test
  public void seesAMeteredNetworkTheScreenAndTheBatteryAfterAChange() {
    Phone.battery(app, true, 100, 30);
    monitor.phone();

    Phone.battery(app, false, 64, 31);
    Phone.screen(app, true);
    Phone.network(app, false);
    monitor.invalidate();
    PhoneState state = monitor.phone();

    assertThat(state.plugged()).isFalse();
    assertThat(state.batteryPercent()).isEqualTo(64.0);
    assertThat(state.screenOn()).isTrue();
    assertThat(state.unmetered()).isFalse();
  }

  @Test
  public void givesTheEngineItsReadingsAndSaysWhatItCannotMeasure() {
    Phone.battery(app, false, 50, 30);

    Readings readings = monitor.read();

    assertThat(readings.power()).isEqualTo(PowerSource.BATTERY);
    assertThat(readings.batteryPercent()).isEqualTo(50.0);
    assertThat(readings.logicalCpus()).isPositive();
    assertThat(readings.systemCpuLoad()).isNaN();
    assertThat(readings.idle().isKnown()).isFalse();
  }
}
