// One Log Analytics workspace receives every diagnostic setting: storage data-plane reads/writes/deletes of PHI
// payloads, Key Vault audit events (who unwrapped which key version), PostgreSQL logs and the gateway's console
// output. The retention must cover the audit period the practice needs (HIPAA: six years for documentation,
// so archive further out of the workspace where required).

param location string
param namePrefix string

@minValue(30)
@maxValue(730)
@description('Days the workspace keeps logs interactively.')
param retentionDays int = 365

param tags object = {}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionDays
    features: {
      // Readers need rights on the resources whose logs they read, not just on the workspace.
      enableLogAccessUsingOnlyResourcePermissions: true
    }
    publicNetworkAccessForIngestion: 'Enabled'
    publicNetworkAccessForQuery: 'Enabled'
  }
}

output workspaceId string = workspace.id
