// Two storage accounts, because their data must behave in opposite ways:
//  - attachments (PHI): encrypted payloads that the retention sweep crypto-shreds and the lifecycle rule deletes.
//    Blob versioning is OFF, so a deleted payload leaves no earlier version behind; no blob soft delete either.
//  - tree heads: the ledger's signed tree heads, written once and never changed or deleted within the retention
//    period. Version-level WORM (time-based immutability) needs blob versioning ON, which is why they cannot
//    share an account with the PHI container.
// Both: no public access, no shared keys (Entra only), TLS 1.2+, infrastructure (double) encryption with the
// account key wrapped by the RSA-HSM key in Key Vault, reachable only through private endpoints.

param location string
param namePrefix string

@description('Name of the gateway\'s user-assigned identity.')
param appIdentityName string

@description('Resource id of the user-assigned identity storage uses to reach the customer-managed key.')
param keyIdentityId string

param keyVaultUri string
param keyName string

@description('Days after which the lifecycle rule deletes an attachment blob: a backstop behind the gateway\'s own retention sweep (Protection:RetentionDays), so longer than it.')
@minValue(2)
param attachmentDeleteAfterDays int = 45

@description('Days each signed tree head is immutable after it is written (version-level WORM). Six years covers the HIPAA documentation period.')
@minValue(1)
param treeHeadImmutabilityDays int = 2190

param attachmentsContainerName string = 'attachments'
param treeHeadsContainerName string = 'tree-heads'

param subnetId string
param blobZoneId string
param workspaceId string
param tags object = {}

var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var compactPrefix = take(toLower(replace(namePrefix, '-', '')), 10)
var suffix = take(uniqueString(resourceGroup().id), 8)

var commonProperties = {
  accessTier: 'Hot'
  allowBlobPublicAccess: false
  allowSharedKeyAccess: false
  allowCrossTenantReplication: false
  defaultToOAuthAuthentication: true
  minimumTlsVersion: 'TLS1_2'
  supportsHttpsTrafficOnly: true
  publicNetworkAccess: 'Disabled'
  networkAcls: {
    defaultAction: 'Deny'
    bypass: 'None'
  }
  encryption: {
    requireInfrastructureEncryption: true
    keySource: 'Microsoft.Keyvault'
    identity: { userAssignedIdentity: keyIdentityId }
    // No key version: storage follows the key's automatic rotation.
    keyvaultproperties: {
      keyname: keyName
      keyvaulturi: keyVaultUri
    }
    services: {
      blob: { enabled: true, keyType: 'Account' }
      file: { enabled: true, keyType: 'Account' }
    }
  }
}

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: appIdentityName
}

resource attachmentsAccount 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: '${compactPrefix}att${suffix}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${keyIdentityId}': {} }
  }
  properties: commonProperties
}

resource attachmentsBlobs 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: attachmentsAccount
  name: 'default'
  properties: {
    // PHI must be deletable: no versions, no soft-deleted copies outliving the retention sweep.
    isVersioningEnabled: false
    deleteRetentionPolicy: { enabled: false }
    changeFeed: { enabled: false }
    // A whole container deleted by mistake can still be restored for a week.
    containerDeleteRetentionPolicy: { enabled: true, days: 7 }
  }
}

resource attachmentsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: attachmentsBlobs
  name: attachmentsContainerName
  properties: { publicAccess: 'None' }
}

resource attachmentsRetention 'Microsoft.Storage/storageAccounts/managementPolicies@2024-01-01' = {
  parent: attachmentsAccount
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'phi-retention-backstop'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [ 'blockBlob' ]
              prefixMatch: [ '${attachmentsContainerName}/' ]
            }
            actions: {
              baseBlob: {
                delete: { daysAfterModificationGreaterThan: attachmentDeleteAfterDays }
              }
            }
          }
        }
      ]
    }
  }
}

resource treeHeadsAccount 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: '${compactPrefix}sth${suffix}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${keyIdentityId}': {} }
  }
  properties: commonProperties
}

resource treeHeadsBlobs 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: treeHeadsAccount
  name: 'default'
  properties: {
    // Required by version-level immutability.
    isVersioningEnabled: true
    deleteRetentionPolicy: { enabled: true, days: 30 }
    containerDeleteRetentionPolicy: { enabled: true, days: 30 }
  }
}

resource treeHeadsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: treeHeadsBlobs
  name: treeHeadsContainerName
  properties: {
    publicAccess: 'None'
    // Version-level WORM: every version written here is immutable for the policy's period.
    immutableStorageWithVersioning: { enabled: true }
  }
}

// The container's default time-based retention, applied to each new blob version. It is deployed unlocked (a
// template cannot lock it); lock it once verified: `az storage container immutability-policy lock` (README).
resource treeHeadsWorm 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2024-01-01' = {
  parent: treeHeadsContainer
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: treeHeadImmutabilityDays
    allowProtectedAppendWrites: false
    allowProtectedAppendWritesAll: false
  }
}

// The gateway reads and writes blobs in its two containers only; nothing at account level. In the tree-head
// container the WORM policy refuses overwrites and deletes whatever the role allows.
resource appUsesAttachments 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(attachmentsContainer.id, appIdentity.id, storageBlobDataContributor)
  scope: attachmentsContainer
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
  }
}

resource appWritesTreeHeads 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(treeHeadsContainer.id, appIdentity.id, storageBlobDataContributor)
  scope: treeHeadsContainer
  properties: {
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
  }
}

module attachmentsEndpoint 'privateendpoint.bicep' = {
  name: 'attachments-blob-endpoint'
  params: {
    location: location
    name: '${attachmentsAccount.name}-blob-pe'
    targetId: attachmentsAccount.id
    groupId: 'blob'
    subnetId: subnetId
    dnsZoneId: blobZoneId
    tags: tags
  }
}

module treeHeadsEndpoint 'privateendpoint.bicep' = {
  name: 'tree-heads-blob-endpoint'
  params: {
    location: location
    name: '${treeHeadsAccount.name}-blob-pe'
    targetId: treeHeadsAccount.id
    groupId: 'blob'
    subnetId: subnetId
    dnsZoneId: blobZoneId
    tags: tags
  }
}

// Every read, write and delete of a payload or a head is logged.
resource attachmentsDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: attachmentsBlobs
  properties: {
    workspaceId: workspaceId
    logs: [
      { category: 'StorageRead', enabled: true }
      { category: 'StorageWrite', enabled: true }
      { category: 'StorageDelete', enabled: true }
    ]
    metrics: [
      { category: 'Transaction', enabled: true }
    ]
  }
}

resource treeHeadsDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: treeHeadsBlobs
  properties: {
    workspaceId: workspaceId
    logs: [
      { category: 'StorageRead', enabled: true }
      { category: 'StorageWrite', enabled: true }
      { category: 'StorageDelete', enabled: true }
    ]
    metrics: [
      { category: 'Transaction', enabled: true }
    ]
  }
}

output attachmentsAccountName string = attachmentsAccount.name
output attachmentsBlobEndpoint string = attachmentsAccount.properties.primaryEndpoints.blob
output attachmentsContainerName string = attachmentsContainer.name
output treeHeadsAccountName string = treeHeadsAccount.name
output treeHeadsBlobEndpoint string = treeHeadsAccount.properties.primaryEndpoints.blob
output treeHeadsContainerName string = treeHeadsContainer.name
