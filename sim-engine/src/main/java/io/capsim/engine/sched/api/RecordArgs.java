package io.capsim.engine.sched.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Set;

/** {@link PluginFactory#decode}'s default: args that are a record of numbers, booleans and strings. */
final class RecordArgs {

    private static final Set<Class<?>> FLAT_TYPES = Set.of(int.class, Integer.class, long.class, Long.class,
            double.class, Double.class, boolean.class, Boolean.class, String.class);

    private RecordArgs() {}

    /** True for a record whose components are all numbers, booleans or strings. */
    static boolean isFlatRecord(Class<?> type) {
        if (!type.isRecord()) {
            return false;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            if (!FLAT_TYPES.contains(c.getType())) {
                return false;
            }
        }
        return true;
    }

    static <A extends PluginArgs> A decode(PluginFactory<A> factory, ArgsNode args, List<ConfigProblem> problems) {
        Class<A> type = factory.argsType();
        if (type == PluginArgs.None.class) {
            problems.add(ConfigProblem.at("", "plugin " + factory.name() + " takes no args"));
            return null;
        }
        if (!isFlatRecord(type)) {
            problems.add(ConfigProblem.at("", "args of " + factory.name() + " cannot be set from a configuration: its"
                    + " args type " + type.getSimpleName() + " is not a record of numbers, booleans and strings, and"
                    + " its factory reads no other; remove args to use its defaults"));
            return null;
        }
        RecordComponent[] components = type.getRecordComponents();
        A defaults = factory.defaultArgs();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        ArgsReader f = ArgsReader.of(args, "", problems);
        int before = f.problemCount();
        try {
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                Class<?> t = c.getType();
                String key = c.getName();
                Object def = c.getAccessor().invoke(defaults);
                types[i] = t;
                if (t == int.class || t == Integer.class) {
                    values[i] = (int) f.integer(key, false, def == null ? 0 : (Integer) def, Integer.MIN_VALUE,
                            Integer.MAX_VALUE);
                } else if (t == long.class || t == Long.class) {
                    values[i] = f.integer(key, false, def == null ? 0 : (Long) def, Long.MIN_VALUE, Long.MAX_VALUE);
                } else if (t == double.class || t == Double.class) {
                    values[i] = f.number(key, false, def == null ? 0 : (Double) def, -Double.MAX_VALUE,
                            Double.MAX_VALUE);
                } else if (t == boolean.class || t == Boolean.class) {
                    values[i] = f.bool(key, false, def != null && (Boolean) def);
                } else {
                    values[i] = f.string(key, false, (String) def);
                }
            }
            f.finish();
            if (f.problemCount() > before) {
                return null;
            }
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            problems.add(ConfigProblem.at("", "invalid args for " + factory.name() + ": "
                    + (cause != null && cause.getMessage() != null ? cause.getMessage() : String.valueOf(cause))));
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            problems.add(ConfigProblem.at("", "cannot build the args of " + factory.name() + " (" + type.getName()
                    + "): " + e));
            return null;
        }
    }
}
