package io.capsim.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Arrival rate over time, from counts per fixed-width bin. */
public final class RateChart {

    private RateChart() {}

    /**
     * Renders the chart as a PNG.
     *
     * @param counts arrivals per bin, bin 0 starting at {@code startSeconds}
     * @param binSeconds bin width, seconds
     */
    public static void writePng(String title, long[] counts, double startSeconds, double binSeconds, int width,
            int height, OutputStream out) throws IOException {
        // Spans over two hours are plotted in hours, shorter ones in minutes.
        boolean hours = counts.length * binSeconds > 2 * 3600;
        double unit = hours ? 3600.0 : 60.0;
        XYSeries s = new XYSeries("arrivals", false, true);
        for (int i = 0; i < counts.length; i++) {
            s.add((startSeconds + i * binSeconds) / unit, counts[i] / binSeconds);
        }
        XYSeriesCollection data = new XYSeriesCollection(s);
        NumberAxis x = new NumberAxis(hours ? "Time (hours)" : "Time (minutes)");
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("Arrivals per second (bin " + fmt(binSeconds) + " s)");
        XYStepRenderer r = new XYStepRenderer();
        r.setSeriesPaint(0, new Color(0x1f77b4));
        r.setSeriesStroke(0, new BasicStroke(1.5f));
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.addSubtitle(new TextTitle(title, new Font(Font.SANS_SERIF, Font.BOLD, 14)));
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.writeChartAsPNG(out, chart, width, height);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
