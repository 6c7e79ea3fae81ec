package io.dcganexplorer.accel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** True of the CPU build and of the -Pcuda build alike (NativeBackendTest is about the CPU build only). */
class NativeBackendBuildTest {

    @Test
    void oneDnnHelpersAreRequestedExactlyWhenTheCudaBackendIsAbsent() {
        NativeBackend.configure();
        assertThat(NativeBackend.helpersRequested()).isEqualTo(!NativeBackend.cudaBackendOnClassPath());
    }
}
