from cycle_a import helper_a


def helper_b(features, labels):
    if features is None:
        return helper_a(features, labels)
    return features, labels
