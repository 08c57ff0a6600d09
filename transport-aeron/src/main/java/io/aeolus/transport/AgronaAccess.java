package io.aeolus.transport;

import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;

/**
 * Lets a JVM without {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} run the client.
 * <p>
 * Agrona 2.x (under Aeron 1.47) calls {@code jdk.internal.misc.Unsafe} directly, with no fallback, so without that
 * package exported the first buffer fails with a raw {@link IllegalAccessError}. Before any Agrona buffer is made,
 * {@link #ensure()} exports the package to Agrona's module at run time, through the JDK's internal lookup reached by
 * {@code sun.misc.Unsafe} (module {@code jdk.unsupported}, open to every module on Java 17 to 25). Where that is
 * impossible or refused ({@value #EXPORT_PROPERTY}{@code =false}), or Agrona cannot run on this Java at all, it
 * fails with an {@link IllegalStateException} naming the flag or the Java version, and why. Thread-safe.
 */
public final class AgronaAccess
{
    /** System property: {@code false} never exports at run time (then the flag is required). */
    public static final String EXPORT_PROPERTY = "aeolus.client.exportUnsafe";

    /** The flag a JVM needs on its command line when the export at run time is impossible or refused. */
    public static final String FLAG = "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED";

    private static final String PACKAGE = "jdk.internal.misc";
    private static volatile boolean checked;
    private static IllegalStateException failure;

    private AgronaAccess()
    {
    }

    /**
     * Makes Agrona usable in this JVM, once; later calls return at once.
     *
     * @throws IllegalStateException naming the JVM flag (or the Java version) and why, when impossible.
     */
    public static void ensure()
    {
        if (checked)
        {
            return;
        }
        synchronized (AgronaAccess.class)
        {
            if (checked)
            {
                return;
            }
            if (null != failure)
            {
                // Agrona's classes failed to initialise the first time and cannot be retried in this JVM.
                throw new IllegalStateException(failure.getMessage(), failure);
            }
            try
            {
                check();
            }
            catch (final IllegalStateException ex)
            {
                failure = ex;
                throw ex;
            }
            checked = true;
        }
    }

    private static void check()
    {
        final Module base = Object.class.getModule();
        final Module agrona = UnsafeBuffer.class.getModule();
        if (!base.isExported(PACKAGE, agrona))
        {
            if (!Boolean.parseBoolean(System.getProperty(EXPORT_PROPERTY, "true")))
            {
                throw new IllegalStateException(missingFlag(EXPORT_PROPERTY + "=false forbids exporting it at " +
                    "run time"));
            }
            export(base, agrona);
        }
        try
        {
            final UnsafeBuffer probe = new UnsafeBuffer(new byte[Long.BYTES]);
            probe.putLong(0, Long.MAX_VALUE);
            if (probe.getLong(0) != Long.MAX_VALUE)
            {
                throw new IllegalStateException("Agrona buffer check failed");
            }
        }
        catch (final IllegalAccessError ex)
        {
            throw new IllegalStateException(missingFlag(ex.getMessage()), ex);
        }
        catch (final LinkageError ex)
        {
            throw new IllegalStateException("the Aeron transport's Agrona library does not run on Java " +
                Runtime.version().feature() + " (" + ex + "): run the client on Java 17 or 21", ex);
        }
    }

    private static void export(final Module base, final Module agrona)
    {
        try
        {
            final Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            final Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            final Object unsafe = theUnsafe.get(null);
            final Field implLookup = MethodHandles.Lookup.class.getDeclaredField("IMPL_LOOKUP");
            final Object fieldBase = unsafeClass.getMethod("staticFieldBase", Field.class).invoke(unsafe, implLookup);
            final long offset = (long)unsafeClass.getMethod("staticFieldOffset", Field.class)
                .invoke(unsafe, implLookup);
            final MethodHandles.Lookup lookup = (MethodHandles.Lookup)unsafeClass
                .getMethod("getObject", Object.class, long.class).invoke(unsafe, fieldBase, offset);
            if (agrona.isNamed())
            {
                final MethodHandle addExports = lookup.findVirtual(Module.class, "implAddExports",
                    MethodType.methodType(void.class, String.class, Module.class));
                addExports.invoke(base, PACKAGE, agrona);
            }
            else
            {
                final MethodHandle addExports = lookup.findVirtual(Module.class, "implAddExportsToAllUnnamed",
                    MethodType.methodType(void.class, String.class));
                addExports.invoke(base, PACKAGE);
            }
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException(missingFlag("exporting it at run time failed: " + ex), ex);
        }
        if (!base.isExported(PACKAGE, agrona))
        {
            throw new IllegalStateException(missingFlag("exporting it at run time had no effect"));
        }
    }

    private static String missingFlag(final String why)
    {
        return "this JVM needs the flag " + FLAG + " (or Add-Exports: java.base/jdk.internal.misc in an executable " +
            "jar's manifest): the Aeron transport's Agrona library uses jdk.internal.misc.Unsafe, which java.base " +
            "does not export by default, and " + why;
    }
}
