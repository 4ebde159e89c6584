package io.axon.android.service;

import android.content.BroadcastReceiver;
import android.content.Context;
import android.content.Intent;
import io.axon.android.AxonApp;

/** The notification's stop action: turns volunteering off, as the switch on the status screen. */
public final class StopReceiver extends BroadcastReceiver {
  @Override
  public void onReceive(Context context, Intent intent) {
    AxonApp.facade(context).setEnabled(false);
  }
}
