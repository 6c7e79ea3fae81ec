package io.dcganexplorer.accel;

/** For {@link NativeAllocatorScriptTest}: prints the allocator this JVM runs on, then {@code MALLOC_CONF}. */
public final class PrintNativeAllocator {

    private PrintNativeAllocator() {
    }

    public static void main(String[] args) {
        System.out.println(NativeBackend.nativeAllocator());
        System.out.println(System.getenv().getOrDefault("MALLOC_CONF", "-"));
    }
}
