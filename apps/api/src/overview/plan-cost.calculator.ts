import { Inject, Injectable } from '@nestjs/common';
import type { PlanContactCount, PlanCostEstimator } from '@unisson/coordination';
import { postageClassFor } from '@unisson/letters';
import {
  planCost,
  purposeIndex,
  TemplateLibrary,
  type Locale,
  type PlanCost,
  type TemplateDefinition,
  type UnitCost,
} from '@unisson/templates';

export type PricedPlanCost = PlanCost & { smsPricePerPart: number };

/**
 * The plan's cost as partners pay it, wired from the libraries that know each part: the template
 * library (SMS parts, call minutes, prices in templates/budgets.json) and letters (postage class).
 * Used by the plan endpoint (coordination's PlanCostEstimator) and the operators' overview.
 */
@Injectable()
export class PlanCostCalculator implements PlanCostEstimator {
  private readonly purposes: ReadonlyMap<string, TemplateDefinition>;
  private readonly unitCosts = new Map<string, UnitCost>();

  constructor(@Inject(TemplateLibrary) private readonly library: TemplateLibrary) {
    this.purposes = purposeIndex(library.sources.definitions.values());
  }

  private unitCost(key: TemplateDefinition['key'], locale: Locale): UnitCost {
    const id = `${key}|${locale}`;
    let unit = this.unitCosts.get(id);
    if (!unit) this.unitCosts.set(id, (unit = this.library.unitCost(key, locale)));
    return unit;
  }

  ofContacts(counts: readonly PlanContactCount[], locale: Locale = 'fr'): PricedPlanCost {
    const prices = this.library.costPrices();
    return {
      ...planCost(counts, {
        templateOf: (purpose) => this.purposes.get(purpose),
        unitCost: (key, l) => this.unitCost(key, l),
        prices,
        postageClassOf: postageClassFor,
        locale,
      }),
      smsPricePerPart: prices.smsPerPart,
    };
  }

  estimate(contacts: readonly PlanContactCount[]): PricedPlanCost {
    return this.ofContacts(contacts);
  }
}
