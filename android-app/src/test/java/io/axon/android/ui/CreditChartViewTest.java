package io.axon.android.ui;

import static org.assertj.core.api.Assertions.assertThat;

import android.graphics.Bitmap;
import android.graphics.Canvas;
import android.view.View;
import io.axon.android.Earnings;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;

/** The credit chart over several days (a test coordinator only ever has one). */
@RunWith(RobolectricTestRunner.class)
public class CreditChartViewTest {
  private static Earnings.Day day(String date, double credit) {
    return new Earnings.Day(LocalDate.parse(date), credit, BigDecimal.ZERO);
  }

  @Test
  public void plotsCreditEarnedUpToEachDay() {
    List<CreditChartView.Point> points =
        EarningsActivity.points(
            List.of(day("2026-11-23", 1.5), day("2026-11-24", 0), day("2026-11-25", 2.25)));
    assertThat(points)
        .containsExactly(
            new CreditChartView.Point("11-23", 1.5),
            new CreditChartView.Point("11-24", 1.5),
            new CreditChartView.Point("11-25", 3.75));
  }

  @Test
  public void saysWhatItShowsAndDrawsSeveralDays() {
    CreditChartView chart = new CreditChartView(RuntimeEnvironment.getApplication());
    chart.show(
        EarningsActivity.points(List.of(day("2026-11-24", 0.5), day("2026-11-25", 1))), "none");
    assertThat(chart.getContentDescription().toString())
        .isEqualTo("Credit from 11-24 to 11-25: 1.50 in all");
    chart.measure(
        View.MeasureSpec.makeMeasureSpec(300, View.MeasureSpec.EXACTLY),
        View.MeasureSpec.makeMeasureSpec(0, View.MeasureSpec.UNSPECIFIED));
    assertThat(chart.getMeasuredHeight()).isPositive(); // 160 dp unless the layout says otherwise
    chart.layout(0, 0, 300, chart.getMeasuredHeight());
    chart.draw(
        new Canvas(Bitmap.createBitmap(300, chart.getMeasuredHeight(), Bitmap.Config.ARGB_8888)));

    chart.show(List.of(), "No credit granted yet.");
    assertThat(chart.getContentDescription().toString()).isEqualTo("No credit granted yet.");
    assertThat(chart.points()).isEmpty();
  }
}
