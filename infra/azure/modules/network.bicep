// The private network: the Container Apps environment gets its own delegated subnet, and every data service
// (both storage accounts, Key Vault, PostgreSQL) is reached only through a private endpoint in its own subnet,
// resolved through private DNS zones linked to this network. Nothing holding PHI or keys has a public endpoint.

@description('Azure region.')
param location string

@description('Prefix for resource names, e.g. sgw-sample.')
param namePrefix string

@description('Address space of the virtual network.')
param addressPrefix string = '10.40.0.0/16'

@description('Subnet of the Container Apps environment (a /27 or larger, delegated to Microsoft.App/environments).')
param appsSubnetPrefix string = '10.40.0.0/23'

@description('Subnet for the private endpoints.')
param endpointsSubnetPrefix string = '10.40.2.0/24'

param tags object = {}

// Private DNS zones of the services the gateway reaches privately. The storage suffix comes from the cloud
// environment so the template also works outside the public cloud.
var blobZoneName = 'privatelink.blob.${environment().suffixes.storage}'
var vaultZoneName = 'privatelink.vaultcore.azure.net'
var postgresZoneName = 'privatelink.postgres.database.azure.com'

resource appsSecurityGroup 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: '${namePrefix}-apps-nsg'
  location: location
  tags: tags
  properties: {
    securityRules: [
      {
        // Billing systems reach the gateway on 443 only (TLS passes through to Kestrel).
        name: 'allow-https-in'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: 'Internet'
          sourcePortRange: '*'
          destinationAddressPrefix: 'VirtualNetwork'
          destinationPortRange: '443'
        }
      }
    ]
  }
}

resource endpointsSecurityGroup 'Microsoft.Network/networkSecurityGroups@2024-05-01' = {
  name: '${namePrefix}-endpoints-nsg'
  location: location
  tags: tags
  properties: {
    securityRules: [
      {
        // Only the gateway's own subnet talks to the data services.
        name: 'allow-apps-subnet-in'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: appsSubnetPrefix
          sourcePortRange: '*'
          destinationAddressPrefix: endpointsSubnetPrefix
          destinationPortRanges: [ '443', '5432' ]
        }
      }
      {
        name: 'deny-other-vnet-in'
        properties: {
          priority: 4000
          direction: 'Inbound'
          access: 'Deny'
          protocol: '*'
          sourceAddressPrefix: 'VirtualNetwork'
          sourcePortRange: '*'
          destinationAddressPrefix: endpointsSubnetPrefix
          destinationPortRange: '*'
        }
      }
    ]
  }
}

resource network 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: '${namePrefix}-vnet'
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [ addressPrefix ]
    }
    subnets: [
      {
        name: 'apps'
        properties: {
          addressPrefix: appsSubnetPrefix
          networkSecurityGroup: { id: appsSecurityGroup.id }
          delegations: [
            {
              name: 'container-apps'
              properties: { serviceName: 'Microsoft.App/environments' }
            }
          ]
        }
      }
      {
        name: 'endpoints'
        properties: {
          addressPrefix: endpointsSubnetPrefix
          networkSecurityGroup: { id: endpointsSecurityGroup.id }
          // Network policies on, so the security group applies to the private endpoints too.
          privateEndpointNetworkPolicies: 'Enabled'
        }
      }
    ]
  }
}

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for zoneName in [ blobZoneName, vaultZoneName, postgresZoneName ]: {
    name: zoneName
    location: 'global'
    tags: tags
  }
]

resource zoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (zoneName, i) in [ blobZoneName, vaultZoneName, postgresZoneName ]: {
    parent: zones[i]
    name: '${namePrefix}-vnet-link'
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: { id: network.id }
    }
  }
]

output appsSubnetId string = network.properties.subnets[0].id
output endpointsSubnetId string = network.properties.subnets[1].id
output blobZoneId string = zones[0].id
output vaultZoneId string = zones[1].id
output postgresZoneId string = zones[2].id
