package io.axon.android.ui;

import android.app.Activity;
import android.os.Bundle;
import io.axon.android.R;

/** Placeholder until the screens land (android-ui). */
public final class PreferencesActivity extends Activity {
  @Override
  protected void onCreate(Bundle savedInstanceState) {
    super.onCreate(savedInstanceState);
    setContentView(R.layout.activity_preferences);
  }
}
