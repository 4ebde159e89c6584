package io.axon.android.service;

import android.content.BroadcastReceiver;
import android.content.Context;
import android.content.Intent;

/** The notification's stop action (skeleton). */
public final class StopReceiver extends BroadcastReceiver {
  @Override
  public void onReceive(Context context, Intent intent) {}
}
