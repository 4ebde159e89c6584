package io.axon.android;

import static org.assertj.core.api.Assertions.assertThat;

import android.app.Application;
import io.axon.android.prefs.PhonePreferences;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;

@RunWith(RobolectricTestRunner.class)
public class AppStartsTest {
  @Test
  public void applicationHandsOutTheFacadeWithPhoneDefaults() {
    Application app = RuntimeEnvironment.getApplication();
    assertThat(app).isInstanceOf(AxonApp.class);
    assertThat(AxonApp.facade(app).preferences()).isEqualTo(PhonePreferences.defaults());
  }
}
