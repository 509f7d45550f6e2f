"""Oversampling helpers shared by the notebooks."""

from imblearn.over_sampling import SMOTE


def apply(features, labels, seed=0):
    sampler = SMOTE(random_state=seed)
    return sampler.fit_resample(features, labels)
