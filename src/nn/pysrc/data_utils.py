# Keras's `Sequence` (keras.src.utils.data_utils): the base class of datasets that
# index their batches.


class Sequence:
    def __getitem__(self, index):
        raise NotImplementedError

    def __len__(self):
        raise NotImplementedError

    def on_epoch_end(self):
        pass

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]
