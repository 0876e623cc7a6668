package io.capsim.reports.chart;

import java.io.IOException;
import java.io.OutputStream;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

/** Writes charts as PNG: no alpha, a middling compression level (fast to write, small enough to embed). */
final class Png {

    private Png() {}

    static void write(JFreeChart chart, int width, int height, OutputStream out) throws IOException {
        ChartUtils.writeChartAsPNG(out, chart, width, height, false, 6);
    }
}
