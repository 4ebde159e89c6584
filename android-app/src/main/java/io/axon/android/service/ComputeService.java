package io.axon.android.service;

import android.app.Service;
import android.content.Intent;
import android.os.IBinder;

/** The foreground service that runs the engine (skeleton). */
public final class ComputeService extends Service {
  @Override
  public IBinder onBind(Intent intent) {
    return null;
  }
}
