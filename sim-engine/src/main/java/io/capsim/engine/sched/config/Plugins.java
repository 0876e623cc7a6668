package io.capsim.engine.sched.config;

import io.capsim.engine.sched.api.ExtensionPoint;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The plugins of a profile per extension point, shaped like KubeSchedulerConfiguration's {@code
 * plugins}: {@code multiPoint} enables a plugin at every point it implements; a point's own set
 * adds plugins there and disables plugins (also those enabled through {@code multiPoint}).
 *
 * @param multiPoint plugins enabled at every point they implement
 * @param points the per-point sets; missing points are empty; copied
 */
public record Plugins(PluginSet multiPoint, Map<ExtensionPoint, PluginSet> points) {

    public Plugins {
        Objects.requireNonNull(multiPoint, "multiPoint");
        EnumMap<ExtensionPoint, PluginSet> m = new EnumMap<>(ExtensionPoint.class);
        for (ExtensionPoint p : ExtensionPoint.values()) {
            m.put(p, PluginSet.EMPTY);
        }
        m.putAll(points);
        points = java.util.Collections.unmodifiableMap(m);
    }

    /** Only {@code multiPoint}. */
    public static Plugins multiPoint(PluginSet multiPoint) {
        return new Plugins(multiPoint, Map.of());
    }

    /** The set at one point. */
    public PluginSet at(ExtensionPoint point) {
        return points.get(point);
    }

    /** The same with one point's set replaced. */
    public Plugins with(ExtensionPoint point, PluginSet set) {
        EnumMap<ExtensionPoint, PluginSet> m = new EnumMap<>(points);
        m.put(point, set);
        return new Plugins(multiPoint, m);
    }

    /**
     * Applies a user's plugins over these defaults as kube-scheduler does: at each set, default
     * entries named in the user's {@code disabled} (or all, for {@code "*"}) are dropped, then the
     * user's enabled entries are appended (replacing a default entry of the same name).
     */
    public Plugins overlay(Plugins user) {
        EnumMap<ExtensionPoint, PluginSet> m = new EnumMap<>(ExtensionPoint.class);
        for (ExtensionPoint p : ExtensionPoint.values()) {
            m.put(p, merge(at(p), user.at(p)));
        }
        return new Plugins(merge(multiPoint, user.multiPoint()), m);
    }

    private static PluginSet merge(PluginSet base, PluginSet user) {
        List<PluginRef> out = new ArrayList<>();
        for (PluginRef r : base.enabled()) {
            boolean replaced = user.enabled().stream().anyMatch(u -> u.name().equals(r.name()));
            if (!user.disables(r.name()) && !replaced) {
                out.add(r);
            }
        }
        out.addAll(user.enabled());
        List<String> disabled = new ArrayList<>(base.disabled());
        disabled.addAll(user.disabled());
        return new PluginSet(out, disabled);
    }
}
