package io.axon.android.ui;

import android.content.Context;
import android.graphics.Canvas;
import android.graphics.Paint;
import android.graphics.Path;
import android.util.AttributeSet;
import android.util.TypedValue;
import android.view.View;
import io.axon.android.R;
import java.util.ArrayList;
import java.util.List;

/**
 * Credit over time as a small area chart: cumulative credit per UTC day, drawn on a Canvas (no
 * chart library exists for framework-only Android). What it shows is also its content description,
 * so that TalkBack reads the figures.
 */
public final class CreditChartView extends View {
  /** One day's point: its label ("11-25") and the credit earned up to and including it. */
  public record Point(String label, double cumulativeCredit) {}

  private final Paint line = new Paint(Paint.ANTI_ALIAS_FLAG);
  private final Paint fill = new Paint(Paint.ANTI_ALIAS_FLAG);
  private final Paint axis = new Paint(Paint.ANTI_ALIAS_FLAG);
  private final Paint text = new Paint(Paint.ANTI_ALIAS_FLAG);
  private final Path path = new Path();
  private List<Point> points = List.of();
  private String emptyText = "";

  public CreditChartView(Context context) {
    this(context, null);
  }

  public CreditChartView(Context context, AttributeSet attrs) {
    super(context, attrs);
    line.setStyle(Paint.Style.STROKE);
    line.setStrokeWidth(dp(2));
    line.setStrokeJoin(Paint.Join.ROUND);
    line.setColor(context.getColor(R.color.axon_accent));
    fill.setStyle(Paint.Style.FILL);
    fill.setColor(context.getColor(R.color.axon_chart_fill));
    axis.setStrokeWidth(dp(1));
    axis.setColor(context.getColor(R.color.axon_border));
    text.setColor(context.getColor(R.color.axon_muted));
    text.setTextSize(TypedValue.applyDimension(TypedValue.COMPLEX_UNIT_SP, 12, metrics()));
  }

  /** The points to draw, oldest first; an empty list shows {@code whenEmpty} instead. */
  public void show(List<Point> days, String whenEmpty) {
    points = List.copyOf(days);
    emptyText = whenEmpty;
    setContentDescription(describe());
    invalidate();
  }

  /** What is drawn now, oldest first. */
  public List<Point> points() {
    return points;
  }

  private String describe() {
    if (points.isEmpty()) {
      return emptyText;
    }
    Point last = points.get(points.size() - 1);
    return getContext()
        .getString(
            R.string.earnings_chart_description,
            points.get(0).label(),
            last.label(),
            Formats.credit(last.cumulativeCredit()));
  }

  @Override
  protected void onMeasure(int widthSpec, int heightSpec) {
    int width = MeasureSpec.getSize(widthSpec);
    int height = resolveSize((int) dp(160), heightSpec);
    setMeasuredDimension(width, height);
  }

  @Override
  protected void onDraw(Canvas canvas) {
    float pad = dp(8);
    float labelHeight = text.getTextSize() + pad;
    float left = getPaddingLeft() + pad;
    float right = getWidth() - getPaddingRight() - pad;
    float top = getPaddingTop() + labelHeight;
    float bottom = getHeight() - getPaddingBottom() - labelHeight;
    canvas.drawLine(left, bottom, right, bottom, axis);
    if (points.isEmpty()) {
      canvas.drawText(emptyText, left, (top + bottom) / 2, text);
      return;
    }
    double max = 0;
    for (Point p : points) {
      max = Math.max(max, p.cumulativeCredit());
    }
    if (max <= 0) {
      max = 1;
    }
    List<float[]> xy = new ArrayList<>();
    int n = points.size();
    for (int i = 0; i < n; i++) {
      float x = n == 1 ? (left + right) / 2 : left + (right - left) * i / (n - 1);
      float y = (float) (bottom - (bottom - top) * points.get(i).cumulativeCredit() / max);
      xy.add(new float[] {x, y});
    }
    if (n == 1) {
      // one day: a bar, since a line needs two points
      float half = dp(12);
      float[] p = xy.get(0);
      canvas.drawRect(p[0] - half, p[1], p[0] + half, bottom, fill);
      canvas.drawLine(p[0] - half, p[1], p[0] + half, p[1], line);
    } else {
      path.reset();
      path.moveTo(xy.get(0)[0], bottom);
      for (float[] p : xy) {
        path.lineTo(p[0], p[1]);
      }
      path.lineTo(xy.get(n - 1)[0], bottom);
      path.close();
      canvas.drawPath(path, fill);
      path.reset();
      path.moveTo(xy.get(0)[0], xy.get(0)[1]);
      for (float[] p : xy) {
        path.lineTo(p[0], p[1]);
      }
      canvas.drawPath(path, line);
    }
    float baseline = bottom + labelHeight - dp(2);
    String first = points.get(0).label();
    if (n == 1) {
      canvas.drawText(first, xy.get(0)[0] - text.measureText(first) / 2, baseline, text);
    } else {
      canvas.drawText(first, left, baseline, text);
    }
    if (n > 1) {
      String last = points.get(n - 1).label();
      canvas.drawText(last, right - text.measureText(last), baseline, text);
    }
    canvas.drawText(Formats.credit(max), left, top - dp(4), text);
  }

  private float dp(float value) {
    return TypedValue.applyDimension(TypedValue.COMPLEX_UNIT_DIP, value, metrics());
  }

  private android.util.DisplayMetrics metrics() {
    return getResources().getDisplayMetrics();
  }
}
