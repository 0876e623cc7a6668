package io.capsim.reports.chart;

import io.capsim.reports.model.Spectrum;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Map;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The latency percentile spectrum as HdrHistogram plots it: x is 1/(1-p) on a log scale, labelled
 * as percentiles (90%, 99%, 99.9%...), y is latency in milliseconds; one line per service (or per
 * run, in a comparison).
 */
public final class PercentileChart {

    private PercentileChart() {}

    /**
     * Renders the chart as a PNG of the given size.
     *
     * @param spectra the lines, by legend label, in order
     */
    public static void writePng(String title, Map<String, Spectrum> spectra, int width, int height, OutputStream out)
            throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        double maxX = 10;
        for (Map.Entry<String, Spectrum> e : spectra.entrySet()) {
            XYSeries series = new XYSeries(e.getKey(), false, true);
            Spectrum s = e.getValue();
            if (s.count() > 0) {
                for (int i = 0; i < s.percentiles().length; i++) {
                    double x = 1.0 / (1.0 - s.percentiles()[i] / 100.0);
                    series.add(x, s.valuesMs()[i]);
                    maxX = Math.max(maxX, x);
                }
                // HdrHistogram's own plots end at the max; pin it to the last decade shown.
                series.add(Math.max(maxX, 10), s.maxMs());
            }
            data.addSeries(series);
        }
        LogAxis x = new LogAxis("Percentile (log scale of 1/(1-p))");
        x.setBase(10);
        x.setRange(1, Math.pow(10, Math.ceil(Math.log10(maxX))));
        x.setTickUnit(new NumberTickUnit(1.0));
        x.setNumberFormatOverride(new PercentileFormat());
        x.setMinorTickMarksVisible(true);
        NumberAxis y = new NumberAxis("Response time (ms)");
        y.setAutoRangeIncludesZero(true);
        XYStepRenderer renderer = new XYStepRenderer();
        for (int i = 0; i < spectra.size(); i++) {
            renderer.setSeriesPaint(i, Palette.color(i));
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle(title, new Font(Font.SANS_SERIF, Font.BOLD, 14)));
        chart.setBackgroundPaint(Color.WHITE);
        Png.write(chart, width, height, out);
    }

    /** Formats x = 1/(1-p) as the percentile p: 10 → "90%", 1000 → "99.9%". */
    static final class PercentileFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double x, StringBuffer to, FieldPosition pos) {
            double p = 100.0 * (1.0 - 1.0 / x);
            DecimalFormat f = new DecimalFormat("0.#########", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
            return to.append(f.format(p)).append('%');
        }

        @Override
        public StringBuffer format(long x, StringBuffer to, FieldPosition pos) {
            return format((double) x, to, pos);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            return null;
        }
    }
}
