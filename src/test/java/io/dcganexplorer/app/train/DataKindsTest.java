package io.dcganexplorer.app.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.dcganexplorer.data.DatasetSpec;
import org.junit.jupiter.api.Test;

class DataKindsTest {

    @Test
    void everyKindOfTheDataPackageHasANameAndASpec() {
        assertThat(DataKinds.all()).containsExactly(DatasetSpec.Kind.values());
        for (DatasetSpec.Kind kind : DatasetSpec.Kind.values()) {
            assertThat(DataKinds.displayName(kind)).isNotBlank();
            DatasetSpec spec = DataKinds.spec(kind, "/some/folder", 32, 1, 0, 5);
            assertThat(spec.kind()).isEqualTo(kind);
            assertThat(spec.imageSize()).isEqualTo(32);
        }
    }

    @Test
    void imageFolderNeedsAFolderAndKeepsIt() {
        assertThat(DataKinds.needsFolder(DatasetSpec.Kind.IMAGE_FOLDER)).isTrue();
        assertThat(DataKinds.needsFolder(DatasetSpec.Kind.FASHION_MNIST)).isFalse();
        assertThat(DataKinds.spec(DatasetSpec.Kind.IMAGE_FOLDER, "/pics", 16, 3, 10, 1).path()).isEqualTo("/pics");
    }

    @Test
    void roomsAndFacesAreColourFashionIsGrayAndAFolderMayBeEither() {
        assertThat(DataKinds.channels(DatasetSpec.Kind.ROOMS)).hasValue(3);
        assertThat(DataKinds.channels(DatasetSpec.Kind.FACES)).hasValue(3);
        assertThat(DataKinds.channels(DatasetSpec.Kind.FASHION_MNIST)).hasValue(1);
        assertThat(DataKinds.channels(DatasetSpec.Kind.IMAGE_FOLDER)).isEmpty();
    }
}
