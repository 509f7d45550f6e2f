from torch.nn import BCEWithLogitsLoss as BCE
from torch.nn import CrossEntropyLoss
import torch.nn.functional as fn

from training import fit_one_cycle, load_model

net, dls = load_model("efficientnet_b0"), None
main_loss = CrossEntropyLoss(reduction="mean")  # error: IGD101
aux_loss = BCE()  # error: IGD101


def combined(out, y_main, y_aux):
    return main_loss(out[0], y_main) + 0.3 * aux_loss(out[1], y_aux) + 0.1 * fn.binary_cross_entropy_with_logits(out[2], y_aux)  # error: IGD101


fit_one_cycle(net, dls, combined, epochs=3)
