// Key Vault: RBAC only (no access policies), purge protection, private endpoint only. It holds
//  - an RSA-HSM key-encryption key (premium SKU: the key never leaves the HSM) that wraps both storage accounts'
//    account keys (customer-managed keys), rotated yearly by the vault itself;
//  - the gateway's secrets, each referenced by the container app through its managed identity: the attachment
//    key-encryption key versions (Protection:KeyVault, read by KeyVaultSecretKeyRing), the PHI column keys,
//    the tree-head signing key, the database connection string and the TLS certificate.
// Secret values come from secure parameters at deployment time (see environments/*.bicepparam): none is in a file.

param location string
param namePrefix string

@description('Name of the gateway\'s user-assigned identity.')
param appIdentityName string

@description('Name of the identity storage uses to reach the customer-managed key.')
param storageKeyIdentityName string

@description('Entra group (object id) allowed to rotate the attachment key-encryption key (`sgw keys rotate`); empty for none.')
param keyOperatorsGroupId string = ''

param subnetId string
param dnsZoneId string
param workspaceId string

@description('Name of the secret whose versions are the attachment key-encryption keys (Protection:KeyVault:SecretName).')
param attachmentKekSecretName string = 'sgw-attachment-kek'

@secure()
@minLength(44)
@maxLength(44)
@description('First attachment key-encryption key: base64 of 32 random bytes (`openssl rand -base64 32`).')
param attachmentKek string

@secure()
@minLength(44)
@maxLength(44)
@description('PHI column encryption key: base64 of 32 random bytes.')
param phiFieldKey string

@secure()
@minLength(44)
@description('PHI blind-index key: base64 of 32 random bytes (never the same as the encryption key).')
param phiBlindIndexKey string

@secure()
@minLength(100)
@description('Tree-head signing key: base64 of a PKCS#8 ECDSA P-256 private key.')
param treeHeadSigningKey string

@secure()
@description('The gateway\'s database connection string (built by main.bicep).')
param databaseConnectionString string

@secure()
@minLength(100)
@description('The gateway\'s TLS server certificate: base64 of a PFX without password.')
param tlsCertificatePfx string

param tags object = {}

// Built-in role definitions (ids are the same in every tenant).
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var keyVaultSecretsOfficer = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
var keyVaultCryptoServiceEncryptionUser = 'e147488a-f6f5-4113-8e2d-b22465e65bf6'

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: appIdentityName
}

resource storageKeyIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: storageKeyIdentityName
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: take('${namePrefix}-kv-${uniqueString(resourceGroup().id)}', 24)
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      // Premium: HSM-backed keys (RSA-HSM).
      name: 'premium'
    }
    enableRbacAuthorization: true
    enablePurgeProtection: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      defaultAction: 'Deny'
      // Storage reaches the customer-managed key as a trusted service.
      bypass: 'AzureServices'
    }
  }
}

resource storageKek 'Microsoft.KeyVault/vaults/keys@2024-11-01' = {
  parent: vault
  name: 'sgw-storage-kek'
  tags: tags
  properties: {
    kty: 'RSA-HSM'
    keySize: 3072
    keyOps: [ 'wrapKey', 'unwrapKey' ]
    attributes: {
      enabled: true
      exportable: false
    }
    rotationPolicy: {
      attributes: { expiryTime: 'P2Y' }
      lifetimeActions: [
        {
          trigger: { timeAfterCreate: 'P1Y' }
          action: { type: 'rotate' }
        }
        {
          trigger: { timeBeforeExpiry: 'P30D' }
          action: { type: 'notify' }
        }
      ]
    }
  }
}

var appSecrets = [
  { name: attachmentKekSecretName, value: attachmentKek, contentType: 'application/vnd.submissiongateway.kek+base64' }
  { name: 'sgw-phi-field-key', value: phiFieldKey, contentType: 'application/octet-stream;base64' }
  { name: 'sgw-phi-blind-index-key', value: phiBlindIndexKey, contentType: 'application/octet-stream;base64' }
  { name: 'sgw-tree-head-signing-key', value: treeHeadSigningKey, contentType: 'application/pkcs8;base64' }
  { name: 'sgw-database-connection', value: databaseConnectionString, contentType: 'text/plain' }
  { name: 'sgw-tls-certificate', value: tlsCertificatePfx, contentType: 'application/x-pkcs12;base64' }
]

resource secrets 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = [
  for secret in appSecrets: {
    parent: vault
    name: secret.name
    tags: tags
    properties: {
      value: secret.value
      contentType: secret.contentType
      attributes: { enabled: true }
    }
  }
]

// The gateway reads exactly its own secrets: one assignment per secret, none on the vault.
resource appReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (secret, i) in appSecrets: {
    name: guid(secrets[i].id, appIdentity.id, keyVaultSecretsUser)
    scope: secrets[i]
    properties: {
      principalId: appIdentity.properties.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    }
  }
]

// Storage wraps its account keys with the HSM key and nothing else.
resource storageUsesKek 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageKek.id, storageKeyIdentity.id, keyVaultCryptoServiceEncryptionUser)
  scope: storageKek
  properties: {
    principalId: storageKeyIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultCryptoServiceEncryptionUser)
  }
}

// Rotation of the attachment key-encryption key adds a secret version: people, not the gateway, do that.
resource operatorsRotateKek 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(keyOperatorsGroupId)) {
  name: guid(secrets[0].id, keyOperatorsGroupId, keyVaultSecretsOfficer)
  scope: secrets[0]
  properties: {
    principalId: keyOperatorsGroupId
    principalType: 'Group'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficer)
  }
}

module endpoint 'privateendpoint.bicep' = {
  name: 'kv-endpoint'
  params: {
    location: location
    name: '${vault.name}-pe'
    targetId: vault.id
    groupId: 'vault'
    subnetId: subnetId
    dnsZoneId: dnsZoneId
    tags: tags
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logs: [
      { categoryGroup: 'audit', enabled: true }
    ]
    metrics: [
      { category: 'AllMetrics', enabled: true }
    ]
  }
}

output vaultName string = vault.name
output vaultUri string = vault.properties.vaultUri
output storageKekName string = storageKek.name
output attachmentKekSecretName string = attachmentKekSecretName
output phiFieldKeySecretUri string = '${vault.properties.vaultUri}secrets/${secrets[1].name}'
output phiBlindIndexKeySecretUri string = '${vault.properties.vaultUri}secrets/${secrets[2].name}'
output treeHeadSigningKeySecretUri string = '${vault.properties.vaultUri}secrets/${secrets[3].name}'
output databaseConnectionSecretUri string = '${vault.properties.vaultUri}secrets/${secrets[4].name}'
output tlsCertificateSecretUri string = '${vault.properties.vaultUri}secrets/${secrets[5].name}'
