package io.axon.android.service;

import android.app.Notification;
import android.app.NotificationChannel;
import android.app.NotificationManager;
import android.app.PendingIntent;
import android.content.Context;
import android.content.Intent;
import android.graphics.drawable.Icon;
import io.axon.android.VolunteerStatus;
import io.axon.android.ui.StatusActivity;

/**
 * The ongoing notification of {@link ComputeService}: what the app does and why, the unit's
 * progress as a bar, and a stop action.
 */
public final class ComputeNotification {
  public static final String CHANNEL = "computing";
  public static final int ID = 1;

  /** Progress bar resolution. */
  static final int MAX = 1000;

  private ComputeNotification() {}

  static void createChannel(Context context) {
    NotificationChannel channel =
        new NotificationChannel(CHANNEL, "Computing", NotificationManager.IMPORTANCE_LOW);
    channel.setDescription("Shows while Axon computes or waits for the phone to allow it");
    context.getSystemService(NotificationManager.class).createNotificationChannel(channel);
  }

  static Notification build(Context context, VolunteerStatus status) {
    PendingIntent open =
        PendingIntent.getActivity(
            context,
            0,
            new Intent(context, StatusActivity.class),
            PendingIntent.FLAG_IMMUTABLE | PendingIntent.FLAG_UPDATE_CURRENT);
    PendingIntent stop =
        PendingIntent.getBroadcast(
            context,
            0,
            new Intent(context, StopReceiver.class),
            PendingIntent.FLAG_IMMUTABLE | PendingIntent.FLAG_UPDATE_CURRENT);
    Notification.Builder builder =
        new Notification.Builder(context, CHANNEL)
            .setSmallIcon(android.R.drawable.stat_notify_sync)
            .setContentTitle(title(status))
            .setContentText(status.reason())
            .setOngoing(true)
            .setOnlyAlertOnce(true)
            .setCategory(Notification.CATEGORY_PROGRESS)
            .setContentIntent(open)
            .addAction(
                new Notification.Action.Builder(
                        Icon.createWithResource(context, android.R.drawable.ic_media_pause),
                        "Stop",
                        stop)
                    .build());
    VolunteerStatus.UnitProgress unit = status.unit();
    if (unit != null) {
      builder.setProgress(MAX, (int) Math.round(unit.progress() * MAX), false);
      builder.setSubText(Math.round(unit.progress() * 100) + " %");
    }
    return builder.build();
  }

  private static String title(VolunteerStatus status) {
    VolunteerStatus.UnitProgress unit = status.unit();
    if (status.state() == VolunteerStatus.State.COMPUTING && unit != null) {
      return "Computing " + unit.jobName();
    }
    return "Axon";
  }
}
