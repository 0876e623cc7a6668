package io.capsim.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A capacity plan's curve: a metric (such as p99 response time) against cost or capacity, one
 * point per candidate evaluated, with the SLO's target as a horizontal line.
 */
public final class CapacityCurveChart {

    /** One candidate: where it lies on the x axis (cost or capacity) and the metric's value there. */
    public record Point(double x, double y) {}

    private CapacityCurveChart() {}

    /**
     * Renders the chart as a PNG.
     *
     * @param points the candidates, in any order (drawn sorted by x); non-finite values are left out
     * @param integerX true if x takes whole values only (a capacity), for the ticks
     * @param target the SLO's target (a horizontal line), or NaN for none
     */
    public static void writePng(String title, String xLabel, boolean integerX, String yLabel, List<Point> points,
            double target, int width, int height, OutputStream out) throws IOException {
        XYSeries s = new XYSeries(yLabel, true, true);
        for (Point p : points) {
            if (Double.isFinite(p.x()) && Double.isFinite(p.y())) {
                s.add(p.x(), p.y());
            }
        }
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        if (integerX) {
            x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        // An unstable candidate's value can be orders of magnitude above the rest: then a log axis.
        boolean wide = s.getItemCount() > 1 && s.getMinY() > 0 && s.getMaxY() / s.getMinY() > 20;
        ValueAxis y = wide ? new LogAxis(yLabel + " (log scale)") : new NumberAxis(yLabel);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, new Color(0x1f77b4));
        r.setSeriesStroke(0, new BasicStroke(1.5f));
        XYPlot plot = new XYPlot(new XYSeriesCollection(s), x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        if (Double.isFinite(target)) {
            ValueMarker m = new ValueMarker(target, new Color(0xd62728), new BasicStroke(1.2f,
                    BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            m.setLabel("target");
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            plot.addRangeMarker(m);
        }
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.addSubtitle(new TextTitle(title, new Font(Font.SANS_SERIF, Font.BOLD, 14)));
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.writeChartAsPNG(out, chart, width, height);
    }
}
