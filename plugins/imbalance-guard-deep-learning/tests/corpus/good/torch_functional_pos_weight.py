# pos_weight given to the functional loss
import torch
import torch.nn.functional as F

pos_weight = torch.tensor([30.0])


def step(model, xb, yb):
    logits = model(xb).squeeze(1)
    loss = F.binary_cross_entropy_with_logits(logits, yb, pos_weight=pos_weight)
    plain = F.binary_cross_entropy_with_logits(logits.detach(), yb)  # logged for comparison
    return loss, plain
